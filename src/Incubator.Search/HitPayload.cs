using System.Text;
using Lucene.Net.Util;

namespace Incubator.Search;

/// <summary>
/// What a result shows of a document, kept as one binary doc value beside the index's fields. Stored fields are
/// compressed in blocks, so reading one document's decompresses its neighbours too; a page of twenty hits read
/// that way cost more than a rare word's search. A doc value is read where it lies. The body is kept up to
/// <see cref="MaxBodyCharacters"/> for the snippet (which shows the first passage that matched), the summary up to
/// <see cref="MaxSummaryCharacters"/>, so a value stays well inside what one doc value may hold.
/// </summary>
internal sealed record HitPayload(
    string Type,
    string ItemId,
    string Slug,
    string Title,
    string Url,
    string Summary,
    string Body,
    IReadOnlyList<string> Sectors,
    string? Locality,
    string? Image,
    long UpdatedTicks)
{
    public const int MaxBodyCharacters = 4000;
    public const int MaxSummaryCharacters = 4000;
    private const int MaxTitleCharacters = 1000;

    public static BytesRef Encode(SearchDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(d.Type);
            writer.Write(d.ItemId);
            writer.Write(d.Slug ?? string.Empty);
            writer.Write(Cut(d.Title, MaxTitleCharacters));
            writer.Write(d.Url ?? string.Empty);
            writer.Write(Cut(d.Summary, MaxSummaryCharacters));
            writer.Write(Cut(d.Body, MaxBodyCharacters));
            var sectors = (d.Sectors ?? []).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToList();
            writer.Write(sectors.Count);
            foreach (var sector in sectors)
            {
                writer.Write(sector);
            }

            writer.Write(d.Locality ?? string.Empty);
            writer.Write(d.Image ?? string.Empty);
            writer.Write(d.UpdatedUtc.Ticks);
        }

        return new BytesRef(bytes.ToArray());
    }

    public static HitPayload Decode(BytesRef value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var bytes = new MemoryStream(value.Bytes, value.Offset, value.Length, writable: false);
        using var reader = new BinaryReader(bytes, Encoding.UTF8);
        var type = reader.ReadString();
        var itemId = reader.ReadString();
        var slug = reader.ReadString();
        var title = reader.ReadString();
        var url = reader.ReadString();
        var summary = reader.ReadString();
        var body = reader.ReadString();
        var sectors = new string[reader.ReadInt32()];
        for (var i = 0; i < sectors.Length; i++)
        {
            sectors[i] = reader.ReadString();
        }

        var locality = reader.ReadString();
        var image = reader.ReadString();
        var ticks = reader.ReadInt64();
        return new HitPayload(type, itemId, slug, title, url, summary, body, sectors, locality.Length > 0 ? locality : null, image.Length > 0 ? image : null, ticks);
    }

    /// <summary>At most <paramref name="max"/> characters, never cutting a surrogate pair in two.</summary>
    private static string Cut(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= max)
        {
            return text;
        }

        return text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }
}
