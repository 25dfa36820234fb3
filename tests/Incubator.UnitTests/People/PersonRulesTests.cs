using Incubator.Web.Features.People;
using Incubator.Web.Features.Taxonomies;

namespace Incubator.UnitTests.People;

public sealed class PersonRulesTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly HashSet<string> Organisations = ["org1"];

    [Fact]
    public void Should_key_every_refusal_by_its_field_when_the_input_breaks_the_rules()
    {
        var input = new PersonInput(
            " ", Emails: ["an@x.vn", "not-an-email"], Phones: ["12"], Gender: "unknown", BirthYear: 1850, Locality: "nowhere",
            Links: [new PersonLinkInput("org1", "founder"), new PersonLinkInput("org2", "boss", new DateOnly(2025, 1, 1), new DateOnly(2024, 1, 1))]);

        var (person, errors) = PersonRules.Check(input, LocalityScope.Empty, Organisations, Now);

        Assert.Null(person);
        Assert.Equal(
            ["birthYear", "emails[1]", "fullName", "gender", "links[1].organisationId", "links[1].role", "links[1].to", "locality", "phones[0]"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Should_normalise_and_deduplicate_when_the_input_holds()
    {
        var input = new PersonInput(
            "Nguyễn Văn An", Emails: ["An@X.vn", "an@x.VN", " "], Phones: ["+84 912 345 678", "0912345678"], Gender: "Female", BirthYear: 1990,
            Tags: ["AI", "ai", " "], Links: [new PersonLinkInput("org1", "co-founder"), new PersonLinkInput("org1", "co-founder")]);

        var (person, errors) = PersonRules.Check(input, LocalityScope.Empty, Organisations, Now);

        Assert.Empty(errors);
        Assert.NotNull(person);
        Assert.Equal(["an@x.vn"], person.Emails);
        Assert.Equal(["0912345678"], person.Phones);
        Assert.Equal(PersonGender.Female, person.Gender);
        Assert.Equal(["AI"], person.Tags);
        Assert.Equal(("org1", PersonRole.CoFounder, (DateOnly?)null, (DateOnly?)null), Assert.Single(person.Links));
    }
}
