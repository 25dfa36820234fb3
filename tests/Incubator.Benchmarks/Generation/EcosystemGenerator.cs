using System.Globalization;
using System.Text;
using Bogus;
using Incubator.Core.Content;
using Incubator.Core.Text;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Pages;

namespace Incubator.Benchmarks.Generation;

/// <summary>The taxonomy codes and names the generated items use, read from the site after its default recipe ran.</summary>
internal sealed record Taxonomy(
    string[] Sectors,
    (string Code, string Name)[] Localities,
    string[] Stages);

/// <summary>
/// A seeded, deterministic ecosystem of published content items with Vietnamese names (Bogus's "vi" locale) and
/// text built from <see cref="Vocabulary"/>: startups, S&amp;T enterprises, mentors, organisations, news and pages,
/// each with the default recipe's sectors, localities and stages.
/// </summary>
internal sealed class EcosystemGenerator
{
    /// <summary>How the items are shared out between the content types (fractions of the total).</summary>
    public static readonly IReadOnlyList<(string Type, double Share)> Mix =
    [
        (Startup.TypeName, 0.40), (Enterprise.TypeName, 0.12), (Mentor.TypeName, 0.15), (Organisation.TypeName, 0.05),
        (NewsArticle.TypeName, 0.26), (SitePage.TypeName, 0.02),
    ];

    private static readonly DateTime Reference = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Faker _faker;
    private readonly Taxonomy _taxonomy;
    private readonly StringBuilder _text = new();

    public EcosystemGenerator(int seed, Taxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        _faker = new Faker("vi") { Random = new Randomizer(seed) };
    }

    private Randomizer Random => _faker.Random;

    /// <summary>How many items of each type make up <paramref name="total"/>; the last type takes the remainder.</summary>
    public static IReadOnlyList<(string Type, int Count)> Counts(int total)
    {
        var counts = Mix.Select(m => (m.Type, Count: (int)Math.Floor(total * m.Share))).ToList();
        counts[0] = (counts[0].Type, counts[0].Count + total - counts.Sum(c => c.Count));
        return counts;
    }

    /// <summary>The <paramref name="index"/>-th item of the type (indices keep slugs unique).</summary>
    public ContentItem Create(string type, int index) => type switch
    {
        Startup.TypeName => NewStartup(index),
        Enterprise.TypeName => NewEnterprise(index),
        Mentor.TypeName => NewMentor(index),
        Organisation.TypeName => NewOrganisation(index),
        NewsArticle.TypeName => NewNews(index),
        SitePage.TypeName => NewPage(index),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown content type."),
    };

    private Startup NewStartup(int index)
    {
        var sectors = PickSectors();
        var place = PickLocality();
        var brand = Brand(sectors[0]);
        var item = Profile(new Startup(), $"{Random.ArrayElement(Vocabulary.CompanyForms)} {brand}", index, sectors, place);
        item.Stage = Random.ArrayElement(_taxonomy.Stages);
        item.TeamOrCompany = $"Nhóm {_faker.Name.FullName()}";
        item.TaxCode = Random.ReplaceNumbers("##########");
        item.FoundedOn = DateOnly.FromDateTime(Reference.AddDays(-Random.Int(30, 3650)));
        item.Products = $"{Capitalise(Topic(sectors[0]))}, {Product(sectors[0])}";
        item.TeamSize = Random.Int(1, 60);
        item.FundingRaised = Random.Bool(0.3f) ? Random.Long(50, 20_000) * 1_000_000 : null;
        item.IncubationStatus = Random.Enum<IncubationStatus>();
        return item;
    }

    private Enterprise NewEnterprise(int index)
    {
        var sectors = PickSectors();
        var place = PickLocality();
        var item = Profile(new Enterprise(), $"Công ty Cổ phần {Capitalise(Topic(sectors[0]))} {Random.ArrayElement(Vocabulary.BrandWords)}", index, sectors, place);
        item.TaxCode = Random.ReplaceNumbers("##########");
        item.CertificateNumber = Random.ReplaceNumbers("##/DNKHCN");
        item.CertificateDate = DateOnly.FromDateTime(Reference.AddDays(-Random.Int(30, 3000)));
        item.CertificateIssuer = "Sở Khoa học và Công nghệ";
        item.Technologies = $"{Capitalise(Random.ArrayElement(Vocabulary.Technologies))} trong {Topic(sectors[0])}; {Product(sectors[0])}.";
        item.ScienceRevenueShare = Random.Int(30, 95);
        return item;
    }

    private Mentor NewMentor(int index)
    {
        var sectors = PickSectors();
        var place = PickLocality();
        var item = Profile(new Mentor(), $"{Random.ArrayElement(Vocabulary.MentorTitles)} {_faker.Name.FullName()}", index, sectors, place);
        item.Expertise = string.Join(", ", Random.ArrayElements(Vocabulary.Expertise, Random.Int(1, 3)).Append(Topic(sectors[0])));
        item.OrganisationName = $"{Random.ArrayElement(Vocabulary.OrganisationForms)} {Random.ArrayElement(Vocabulary.BrandWords)}";
        item.Availability = Random.Bool() ? "Buổi tối các ngày trong tuần" : "Cuối tuần";
        item.IsReviewer = Random.Bool(0.2f);
        return item;
    }

    private Organisation NewOrganisation(int index)
    {
        var sectors = PickSectors();
        var place = PickLocality();
        var item = Profile(new Organisation(), $"{Random.ArrayElement(Vocabulary.OrganisationForms)} {Capitalise(Topic(sectors[0]))} {place.Name}", index, sectors, place);
        item.Kind = Random.Enum<OrganisationKind>();
        return item;
    }

    private NewsArticle NewNews(int index)
    {
        var sector = Random.ArrayElement(_taxonomy.Sectors);
        var place = PickLocality();
        var title = $"{Random.ArrayElement(Vocabulary.NewsTopics)} về {Topic(sector)} tại {place.Name}";
        var item = Stamp(new NewsArticle(), title, index);
        item.Summary = Sentences(sector, place.Name, 2);
        item.Body = Markdown(sector, place.Name, Random.Int(3, 6));
        return item;
    }

    private SitePage NewPage(int index)
    {
        var sector = Random.ArrayElement(_taxonomy.Sectors);
        var place = PickLocality();
        var item = Stamp(new SitePage(), $"Hướng dẫn {Random.ArrayElement(Vocabulary.Expertise)} cho {Random.ArrayElement(Vocabulary.Beneficiaries)}", index);
        item.Body = Markdown(sector, place.Name, Random.Int(4, 8));
        return item;
    }

    private T Profile<T>(T item, string title, int index, List<string> sectors, (string Code, string Name) place)
        where T : DirectoryProfile
    {
        Stamp(item, title, index);
        item.Sectors = sectors;
        item.Locality = place.Code;
        item.Summary = Sentences(sectors[0], place.Name, Random.Int(1, 2));
        item.Description = Sentences(Random.ListItem(sectors), place.Name, Random.Int(3, 8));
        item.Website = Random.Bool(0.6f) ? $"https://{Slug.From(title)}.vn" : null;
        item.ContactEmail = Random.Bool(0.7f) ? $"lienhe{index}@example.vn" : null;
        item.ContactPhone = Random.Bool(0.7f) ? Random.ReplaceNumbers("09########") : null;
        return item;
    }

    private T Stamp<T>(T item, string title, int index)
        where T : ContentItem
    {
        var created = Reference.AddMinutes(-Random.Int(60, 3 * 365 * 24 * 60));
        var slug = Slug.From(title);
        var suffix = "-" + index.ToString(CultureInfo.InvariantCulture);
        item.ContentItemId = new Guid(Random.Bytes(16)).ToString("N");
        item.Version = 1;
        item.Latest = true;
        item.Published = true;
        item.Title = title.Length > 300 ? title[..300] : title;
        item.Slug = (slug.Length + suffix.Length > Slug.MaxLength ? slug[..(Slug.MaxLength - suffix.Length)].TrimEnd('-') : slug) + suffix;
        item.CreatedUtc = created;
        item.ModifiedUtc = created.AddDays(Random.Int(0, 30));
        item.PublishedUtc = item.ModifiedUtc;
        return item;
    }

    private List<string> PickSectors()
    {
        var first = Random.ArrayElement(_taxonomy.Sectors);
        if (Random.Bool(0.6f))
        {
            return [first];
        }

        var second = Random.ArrayElement(_taxonomy.Sectors);
        return second == first ? [first] : [first, second];
    }

    /// <summary>Mostly a commune, sometimes only a province (the communes' codes carry their province's).</summary>
    private (string Code, string Name) PickLocality() => Random.ArrayElement(_taxonomy.Localities);

    private string Brand(string sector)
    {
        var word = Random.ArrayElement(Vocabulary.BrandWords);
        return Random.Int(0, 3) switch
        {
            0 => $"{Capitalise(Topic(sector))} {word}",
            1 => $"{word} {_faker.Name.LastName()}",
            2 => $"{Capitalise(Product(sector))} {word}",
            _ => $"{_faker.Name.LastName()} {word} {Random.ArrayElement(Vocabulary.BrandWords)}",
        };
    }

    private string Topic(string sector) =>
        Vocabulary.TopicsBySector.TryGetValue(sector, out var topics) && Random.Bool(0.8f)
            ? Random.ArrayElement(topics)
            : Random.ArrayElement(Random.ArrayElement(Vocabulary.TopicsBySector.Values.ToArray()));

    /// <summary>A product: rarely a specialty from the rare tier, otherwise a topic of the sector.</summary>
    private string Product(string sector) => Random.Bool(0.05f) ? Random.ArrayElement(Vocabulary.Rare) : Topic(sector);

    private string Sentences(string sector, string place, int count)
    {
        _text.Clear();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _text.Append(' ');
            }

            _text.Append(Sentence(sector, place));
        }

        return _text.ToString();
    }

    private string Markdown(string sector, string place, int paragraphs)
    {
        var body = new StringBuilder();
        for (var i = 0; i < paragraphs; i++)
        {
            if (i > 0 && Random.Bool(0.3f))
            {
                body.Append("## ").Append(Capitalise(Topic(sector))).Append("\n\n");
            }

            body.Append(Sentences(sector, place, Random.Int(2, 5))).Append("\n\n");
        }

        return body.ToString().TrimEnd();
    }

    private string Sentence(string sector, string place)
    {
        var common = Random.ArrayElement(Vocabulary.Common);
        var other = Random.ArrayElement(Vocabulary.Common);
        var beneficiary = Random.ArrayElement(Vocabulary.Beneficiaries);
        var goal = Random.ArrayElement(Vocabulary.Goals);
        return Random.Int(0, 7) switch
        {
            0 => $"{Capitalise(Topic(sector))} là hướng đi chính, giúp {beneficiary} {goal}.",
            1 => $"Sản phẩm chính gồm {Product(sector)} và {Product(sector)}, được {common} tại {place}.",
            2 => $"Dự án ứng dụng {Random.ArrayElement(Vocabulary.Technologies)} trong {Topic(sector)} nhằm {goal}.",
            3 => $"Năm {Random.Int(2015, 2025)}, đơn vị đạt {Random.ArrayElement(Vocabulary.Achievements)}.",
            4 => $"Chúng tôi thúc đẩy {common} và {other} cùng {beneficiary} ở {place}.",
            5 => $"{Capitalise(common)} gắn với {Topic(sector)} giúp {beneficiary} {goal}.",
            6 => $"Ông {_faker.Name.FullName()} cho biết {other} là chìa khóa để {goal}.",
            _ => $"{Capitalise(_faker.Lorem.Sentence(Random.Int(5, 10)).TrimEnd('.'))} về {Topic(sector)}.",
        };
    }

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
}
