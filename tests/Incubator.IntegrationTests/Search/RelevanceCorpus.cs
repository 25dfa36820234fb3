using System.Globalization;
using System.Text;
using Incubator.Core.Content;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Pages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Search;

/// <summary>
/// The fixed corpus of the relevance tests, written into a site's database in a few saves and indexed by draining the
/// indexing outbox, as any saved item is. A handful of judged documents are old (published years ago, and indexed
/// first); hundreds of newer news items mention the same words in their bodies, as a province's news does. The
/// default recipe's pages and news are deleted first, so the site holds the corpus alone and every total is known.
/// </summary>
public sealed class RelevanceCorpus
{
    /// <summary>How many newer news items mention the judged queries' words.</summary>
    public const int NewsCount = 300;

    private static readonly DateTime Reference = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Places =
    [
        "Tân Lập", "Phú Hưng", "Đông Sơn", "Kim Long", "An Thạnh", "Bình Minh", "Hưng Đạo", "Quang Trung", "Thạch An",
        "Hà Quảng", "Trùng Khánh", "Bảo Lạc", "Phục Hoà", "Quảng Uyên", "Thông Nông", "Nà Giàng", "Đức Long",
    ];

    private readonly List<Document> _documents = [];

    private RelevanceCorpus()
    {
    }

    /// <summary>A document of the corpus as the tests judge it: its type, item id, and the words it may be found by.</summary>
    public sealed record Document(string Type, string Id, string Title, string Text);

    public IReadOnlyList<Document> Documents => _documents;

    /// <summary>The old news item whose title is "Chuyển đổi số nông nghiệp".</summary>
    public string DigitalFarming { get; private set; } = string.Empty;

    /// <summary>The old page whose title is "Hỗ trợ doanh nghiệp".</summary>
    public string BusinessSupport { get; private set; } = string.Empty;

    /// <summary>The old news item that holds the phrase "đổi mới sáng tạo" (and not in its title).</summary>
    public string Phrase { get; private set; } = string.Empty;

    /// <summary>Newer items whose titles and bodies hold "đổi mới" and "sáng tạo" apart, never as the phrase.</summary>
    public IReadOnlyList<string> ScatteredWords { get; private set; } = [];

    /// <summary>The startups whose names hold "khởi nghiệp".</summary>
    public IReadOnlyList<string> StartupsNamedForTheWord { get; private set; } = [];

    /// <summary>The items that spell the name "Nguyễn" (the oldest of them older than every other spelling's).</summary>
    public IReadOnlyList<string> Nguyen { get; private set; } = [];

    /// <summary>The items that spell "Nguyên" (the oldest of them older than every other spelling's).</summary>
    public IReadOnlyList<string> NguyenFlat { get; private set; } = [];

    /// <summary>The items that spell "Nguyen" without accents.</summary>
    public IReadOnlyList<string> NguyenPlain { get; private set; } = [];

    /// <summary>
    /// The documents holding every word of <paramref name="query"/> (folded: accents, đ and case aside), optionally of
    /// one type; with <paramref name="prefix"/>, the last word also matches as the start of a longer word. The corpus
    /// avoids the analyzers' other rules (synonyms, compound words), so this is what any exact engine must count.
    /// </summary>
    public IReadOnlyList<Document> Matching(string query, string? type = null, bool prefix = true)
    {
        var words = Words(query);
        return [.. _documents.Where(d => (type is null || d.Type == type) && Holds(Words(d.Text), words, prefix))];
    }

    /// <summary>Writes the corpus into <paramref name="site"/> and waits until it is indexed.</summary>
    public static async Task<RelevanceCorpus> WriteAsync(SiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var corpus = new RelevanceCorpus();

        // The recipe's welcome items speak of "khởi nghiệp" and "đổi mới sáng tạo" too: they go, so every total is the corpus's.
        await site.QueryAsync(async db =>
        {
            var now = site.Clock.GetUtcNow().UtcDateTime;
            foreach (var item in await db.SitePages.Where(p => p.DeletedUtc == null).ToListAsync())
            {
                item.DeletedUtc = now;
            }

            foreach (var item in await db.News.Where(p => p.DeletedUtc == null).ToListAsync())
            {
                item.DeletedUtc = now;
            }

            return await db.SaveChangesAsync();
        });
        await SearchReader.DrainAsync(site);

        // The judged items are saved and indexed before the news, so that an engine favouring the newest, by date or by
        // place in the index, favours the news over them; the items they are judged against are newer still.
        await site.QueryAsync(async db =>
        {
            db.AddRange(corpus.JudgedItems());
            return await db.SaveChangesAsync();
        });
        await SearchReader.DrainAsync(site);
        await site.QueryAsync(async db =>
        {
            db.AddRange(corpus.NewsItems());
            return await db.SaveChangesAsync();
        });
        await SearchReader.DrainAsync(site);
        return corpus;
    }

    private IEnumerable<ContentItem> JudgedItems()
    {
        DigitalFarming = Add(NewNews(
            "Chuyển đổi số nông nghiệp", "Định hướng của tỉnh đến năm 2030.", "Kế hoạch của tỉnh về chuyển đổi số trong nông nghiệp.", new(2019, 3, 4)), out var digital);
        yield return digital;
        BusinessSupport = Add(NewPage("Hỗ trợ doanh nghiệp", "Các chính sách hỗ trợ doanh nghiệp của tỉnh: thuế, đất đai, tín dụng.", new(2018, 5, 6)), out var support);
        yield return support;

        Phrase = Add(NewNews("Hội thảo thường niên của tỉnh", "Tin hội thảo.", "Các chuyên gia bàn về đổi mới sáng tạo trong vùng trung du.", new(2019, 9, 9)), out var phrase);
        yield return phrase;
        var scattered = new List<string>();
        foreach (var (title, body, day) in new[]
                 {
                     ("Sáng tạo ở trường học đổi mới", "Giáo viên đổi mới phương pháp để học sinh sáng tạo hơn.", 1),
                     ("Đổi mới giáo dục, học sinh sáng tạo", "Học sinh sáng tạo đồ chơi; nhà trường đổi mới cách dạy.", 2),
                     ("Sân chơi sáng tạo, đổi mới cách dạy", "Sáng tạo cùng thầy cô, đổi mới từ lớp học.", 3),
                 })
        {
            scattered.Add(Add(NewNews(title, "Tin giáo dục.", body, new(2025, 8, day)), out var item));
            yield return item;
        }

        ScatteredWords = scattered;

        // Two sets of three spellings: in each, the one a query spells exactly is older than the other two.
        var nguyen = new List<string>();
        var flat = new List<string>();
        var plain = new List<string>();
        nguyen.Add(Add(NewMentor("Chuyên gia Nguyễn Thị Lan", "Cố vấn chế biến nông sản.", new(2019, 1, 10)), out var a1));
        flat.Add(Add(NewMentor("Chuyên gia Nguyên Thị Lan", "Cố vấn thương mại điện tử.", new(2021, 2, 2)), out var a2));
        plain.Add(Add(NewNews("Nguyen Thi Lan tham dự hội đồng", "Tin hội đồng.", "Bà tham dự hội đồng xét chọn.", new(2021, 3, 3)), out var a3));
        flat.Add(Add(NewMentor("Chuyên gia Nguyên Văn Hải", "Cố vấn tài chính.", new(2019, 1, 11)), out var b1));
        nguyen.Add(Add(NewMentor("Chuyên gia Nguyễn Văn Hải", "Cố vấn sở hữu công nghiệp.", new(2021, 4, 4)), out var b2));
        plain.Add(Add(NewNews("Nguyen Van Hai nhận giải", "Tin giải thưởng.", "Ông nhận giải thưởng của tỉnh.", new(2021, 5, 5)), out var b3));
        (Nguyen, NguyenFlat, NguyenPlain) = (nguyen, flat, plain);
        yield return a1;
        yield return a2;
        yield return a3;
        yield return b1;
        yield return b2;
        yield return b3;

        var named = new List<string>();
        foreach (var (name, summary, description, namedForIt) in new[]
                 {
                     ("Khởi nghiệp Nông sản Sạch", "Rau sạch cho bếp ăn trường học.", "Chuỗi cung ứng rau sạch.", true),
                     ("Khởi nghiệp Dược liệu Xanh", "Trồng và chế biến dược liệu.", "Vùng trồng dược liệu trên núi đá.", true),
                     ("Khởi nghiệp Gốm Đất Việt", "Gốm thủ công.", "Xưởng gốm của ba nghệ nhân trẻ.", true),
                     ("Cà phê Đồi Cao", "Cà phê đặc sản.", "Nhóm khởi nghiệp của sinh viên nông nghiệp.", false),
                     ("Mật ong Bản Xanh", "Mật ong rừng.", "Dự án khởi nghiệp của thanh niên dân tộc Tày.", false),
                     ("Máy sấy Hưng Thịnh", "Máy sấy nông sản.", "Sản xuất máy sấy cho hợp tác xã.", false),
                     ("Chè Shan Tuyết Núi", "Chè cổ thụ.", "Chế biến chè theo cách truyền thống.", false),
                     ("Phần mềm Kho Vận", "Quản lý kho cho doanh nghiệp.", "Phần mềm trên điện thoại.", false),
                 })
        {
            var id = Add(NewStartup(name, summary, description, new(2020, 6, 1 + _documents.Count % 28)), out var startup);
            if (namedForIt)
            {
                named.Add(id);
            }

            yield return startup;
        }

        StartupsNamedForTheWord = named;
    }

    /// <summary>
    /// The newer news: every one mentions "chuyển đổi số", "nông nghiệp", "hỗ trợ", "doanh nghiệp" and "khởi nghiệp"
    /// in its body; some titles hold some of the judged titles' words, a few all of them among others.
    /// </summary>
    private IEnumerable<ContentItem> NewsItems()
    {
        for (var i = 0; i < NewsCount; i++)
        {
            var place = Places[i % Places.Length];
            var number = (3 + (i % 17)).ToString(CultureInfo.InvariantCulture);
            var title = (i % 100, i % 50, i % 10, i % 7) switch
            {
                (13, _, _, _) => $"Chuyển đổi số trong nông nghiệp tại {place}",
                (_, 7, _, _) => $"Chương trình hỗ trợ doanh nghiệp khởi nghiệp tại {place}",
                (_, _, 3, _) => $"Nông nghiệp công nghệ cao tại {place}",
                (_, _, _, 0) => $"Chuyển đổi số ở {place}",
                _ => $"Bản tin {place} số {i.ToString(CultureInfo.InvariantCulture)}",
            };
            var body = (i % 3) switch
            {
                0 => $"Tại {place}, bà con tiếp tục chuyển đổi số trong sản xuất nông nghiệp. Sở đã hỗ trợ {number} doanh nghiệp và các nhóm khởi nghiệp của địa phương.",
                1 => $"Nông nghiệp ở {place} đang chuyển đổi số từng bước. Tỉnh hỗ trợ kinh phí cho doanh nghiệp, hợp tác xã và người khởi nghiệp.",
                _ => $"Hội nghị tại {place} bàn về chuyển đổi số, nông nghiệp sạch, hỗ trợ doanh nghiệp và khởi nghiệp.",
            };
            Add(NewNews(title, $"Tin từ {place}.", body, DateOnly.FromDateTime(Reference.AddDays(i))), out var item);
            yield return item;
        }
    }

    private string Add(ContentItem item, out ContentItem added)
    {
        var text = item switch
        {
            NewsArticle n => $"{n.Title}\n{n.Summary}\n{n.Body}",
            SitePage p => $"{p.Title}\n{p.Body}",
            DirectoryProfile d => $"{d.Title}\n{d.Summary}\n{d.Description}",
            _ => item.Title,
        };
        _documents.Add(new Document(item.ContentType, item.ContentItemId, item.Title, text));
        added = item;
        return item.ContentItemId;
    }

    private NewsArticle NewNews(string title, string summary, string body, DateOnly published)
    {
        var item = Stamp(new NewsArticle(), title, published);
        item.Summary = summary;
        item.Body = body;
        return item;
    }

    private SitePage NewPage(string title, string body, DateOnly published)
    {
        var item = Stamp(new SitePage(), title, published);
        item.Body = body;
        return item;
    }

    private Mentor NewMentor(string title, string summary, DateOnly published)
    {
        var item = Stamp(new Mentor(), title, published);
        item.Summary = summary;
        item.Description = summary;
        return item;
    }

    private Startup NewStartup(string title, string summary, string description, DateOnly published)
    {
        var item = Stamp(new Startup(), title, published);
        item.Summary = summary;
        item.Description = description;
        return item;
    }

    private T Stamp<T>(T item, string title, DateOnly published)
        where T : ContentItem
    {
        var when = published.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        item.ContentItemId = Guid.NewGuid().ToString("N");
        item.Version = 1;
        item.Latest = true;
        item.Published = true;
        item.Title = title;
        item.Slug = $"{Core.Text.Slug.From(title)}-{_documents.Count.ToString(CultureInfo.InvariantCulture)}";
        item.CreatedUtc = when;
        item.ModifiedUtc = when;
        item.PublishedUtc = when;
        return item;
    }

    private static bool Holds(List<string> text, List<string> words, bool prefix) =>
        words.Select((word, i) => prefix && i == words.Count - 1 ? text.Exists(w => w.StartsWith(word, StringComparison.Ordinal)) : text.Contains(word)).All(found => found);

    /// <summary>
    /// The folded words of a text, by the tests' own simple rule (not the product's analyzer): decomposed, marks
    /// dropped, đ as d, lower case, split at anything that is not a letter or digit.
    /// </summary>
    private static List<string> Words(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in folded.Append(' ').ToString())
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        return words;
    }
}
