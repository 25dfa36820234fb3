using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Records;

/// <summary>Shows records' values to people: dates dd/MM/yyyy, money in đồng, choices and flags in the reader's language, places by name.</summary>
internal sealed class RecordDisplay(IStringLocalizer localizer, IReadOnlyDictionary<string, string> localities, IReadOnlyDictionary<string, string> organisations)
{
    /// <summary>The localities (by code, with communes indented under their province) and the directory's organisations.</summary>
    public static async Task<RecordDisplay> LoadAsync(IncubatorDbContext db, TaxonomyService taxonomies, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taxonomies);
        var terms = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Latest && o.DeletedUtc == null).OrderBy(o => o.Title)
            .Select(o => new { o.ContentItemId, o.Title }).ToListAsync(cancellationToken);
        return new RecordDisplay(localizer, terms.ToDictionary(t => t.Code, t => t.Name(TaxonomyService.English), StringComparer.Ordinal),
            organisations.ToDictionary(o => o.ContentItemId, o => o.Title, StringComparer.Ordinal))
        {
            LocalityTerms = terms,
        };
    }

    public IReadOnlyList<TaxonomyTerm> LocalityTerms { get; private init; } = [];
    public IReadOnlyDictionary<string, string> Organisations => organisations;

    public string Label(RecordField field) => localizer[field.Label];

    public string Choice(RecordField field, string? code) =>
        field.Choices.FirstOrDefault(c => c.Code == code) is { } choice ? localizer[choice.Label] : code ?? string.Empty;

    /// <summary>The value for a page; <paramref name="plainMoney"/> keeps amounts as numbers a spreadsheet adds up.</summary>
    public string Text(RecordField field, RecordBase record, bool plainMoney = false)
    {
        ArgumentNullException.ThrowIfNull(field);
        var value = field.Read(record);
        return value switch
        {
            null => string.Empty,
            DateOnly date => VietnamTime.FormatDate(date),
            long amount => plainMoney ? RecordField.Format(amount)! : Money.Format(amount),
            bool flag => localizer[flag ? "Yes" : "No"],
            Enum => Choice(field, RecordField.Format(value)),
            string code when field.Type == RecordFieldType.Locality => localities.GetValueOrDefault(code, code),
            string id when field.Type == RecordFieldType.Organisation => organisations.GetValueOrDefault(id, id),
            _ => RecordField.Format(value) ?? string.Empty,
        };
    }

    /// <summary>The localiser's text of an error.</summary>
    public string Error(RecordError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return localizer[error.Message, error.Arguments];
    }
}
