using System.Globalization;

namespace Incubator.Web.Features.Notifications;

/// <summary>Asks every <see cref="INoticeDetails"/> source for the sentences of notices, one template at a time.</summary>
internal sealed class NoticeDetails(IEnumerable<INoticeDetails> sources)
{
    private readonly List<INoticeDetails> _sources = [.. sources];

    /// <summary>The sentence for each notice (template, item) that has one, in the current UI culture.</summary>
    public async Task<Dictionary<(string Template, string ItemId), string>> ForAsync(IEnumerable<(string Template, string ItemId)> notices, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<(string, string), string>();
        foreach (var group in notices.Distinct().GroupBy(n => n.Template, StringComparer.Ordinal))
        {
            var ids = group.Select(n => n.ItemId).ToList();
            foreach (var source in _sources.Where(s => s.Templates.Contains(group.Key)))
            {
                foreach (var (id, sentence) in await source.DetailsAsync(group.Key, ids, cancellationToken))
                {
                    found[(group.Key, id)] = found.TryGetValue((group.Key, id), out var before) ? $"{before} {sentence}" : sentence;
                }
            }
        }

        return found;
    }

    /// <summary>The sentence for one notice in <paramref name="culture"/>, or null; the caller's culture is left as it was.</summary>
    public async Task<string?> InAsync(CultureInfo culture, string template, string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (!_sources.Any(s => s.Templates.Contains(template)))
        {
            return null;
        }

        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            return (await ForAsync([(template, itemId)], cancellationToken)).GetValueOrDefault((template, itemId));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
