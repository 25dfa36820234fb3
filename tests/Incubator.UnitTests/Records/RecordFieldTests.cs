using Incubator.Web.Features.Records;

namespace Incubator.UnitTests.Records;

public sealed class RecordFieldTests
{
    private static readonly RecordLookups Places = new(code => code is "cao-bang" or "cao-bang.hoa-an", id => id == "org1");

    [Theory]
    [InlineData("1500000", 1_500_000L)]
    [InlineData("1.500.000", 1_500_000L)]
    [InlineData("1 500 000 ₫", 1_500_000L)]
    [InlineData("0", 0L)]
    public void Should_read_an_amount_when_staff_type_it_the_vietnamese_way(string typed, long expected)
    {
        var (value, error) = Value.Parse(typed, RecordSource.Form, Places);

        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-5", "The amount cannot be negative.")]
    [InlineData("-1.000", "The amount cannot be negative.")]
    [InlineData("1,5", "Enter a whole number of đồng, e.g. 1500000.")]
    [InlineData("abc", "Enter a whole number of đồng, e.g. 1500000.")]
    [InlineData("99999999999999999999", "Enter a whole number of đồng, e.g. 1500000.")]
    [InlineData("", "This field is required.")]
    public void Should_refuse_an_amount_when_it_is_negative_not_whole_or_missing(string typed, string message)
    {
        var (value, error) = Value.Parse(typed, RecordSource.Form, Places);

        Assert.Null(value);
        Assert.Equal(message, error?.Message);
    }

    [Fact]
    public void Should_refuse_grouped_digits_when_a_recipe_writes_an_amount() =>
        Assert.NotNull(Value.Parse("1.500.000", RecordSource.Recipe, Places).Error);

    [Theory]
    [InlineData("2025-03-31", RecordSource.Form)]
    [InlineData("31/03/2025", RecordSource.Form)]
    [InlineData("2025-03-31", RecordSource.Recipe)]
    public void Should_read_a_date_when_it_is_written_as_the_source_allows(string typed, RecordSource source) =>
        Assert.Equal(new DateOnly(2025, 3, 31), Granted.Parse(typed, source, Places).Value);

    [Theory]
    [InlineData("2025-02-30", RecordSource.Form, "Enter a valid date as dd/MM/yyyy.")]
    [InlineData("31/03/2025", RecordSource.Recipe, "'31/03/2025' is not a date; write it as yyyy-MM-dd.")]
    [InlineData("2025-3-1", RecordSource.Recipe, "'2025-3-1' is not a date; write it as yyyy-MM-dd.")]
    public void Should_refuse_a_date_when_it_is_not_one_or_not_in_the_sources_format(string typed, RecordSource source, string text) =>
        Assert.Equal(text, Granted.Parse(typed, source, Places).Error?.Text);

    [Theory]
    [InlineData("cao-bang", null)]
    [InlineData("cao-bang.hoa-an", null)]
    [InlineData("ha-noi", "'ha-noi' is not a locality of the site.")]
    [InlineData("<b>", "'<b>' is not a locality of the site.")]
    public void Should_accept_only_the_sites_localities_when_a_locality_is_given(string code, string? text) =>
        Assert.Equal(text, Locality.Parse(code, RecordSource.Form, Places).Error?.Text);

    [Fact]
    public void Should_check_only_the_format_when_no_lookups_are_given()
    {
        Assert.Null(Locality.Parse("ha-noi", RecordSource.Recipe, RecordLookups.None).Error);
        Assert.NotNull(Locality.Parse("hà nội", RecordSource.Recipe, RecordLookups.None).Error);
    }

    [Fact]
    public void Should_name_enum_members_in_kebab_case_when_they_are_choices()
    {
        Assert.Equal("ip-sale", RecordField.Code(TransactionKind.IpSale));
        Assert.Equal(IpObjectKind.GeographicalIndication, RecordField.Parse<IpObjectKind>("geographical-indication"));
        Assert.Null(RecordField.Parse<IpObjectKind>("GeographicalIndication"));
        Assert.Equal(
            ["none", "consolation", "third", "second", "first", "qualified-national"],
            RecordKinds.Contest.ChoiceFilter.Choices.Select(c => c.Code));
    }

    [Fact]
    public void Should_refuse_a_choice_when_it_is_not_listed() =>
        Assert.Equal("'barter' is not one of: transfer, licence, ip-sale.", RecordKinds.Transactions.Field("kind").Parse("barter", RecordSource.Recipe, Places).Error?.Text);

    [Theory]
    [InlineData(null, false)]
    [InlineData("on", true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Should_read_a_checkbox_when_it_is_posted_or_left_out(string? posted, bool expected) =>
        Assert.Equal(expected, RecordKinds.Ip.Field("keyProduct").Parse(posted, RecordSource.Form, Places).Value);

    [Fact]
    public void Should_refuse_a_date_joined_when_the_intermediary_has_not_joined_the_network()
    {
        var joinedButNot = Read(RecordKinds.Intermediaries, new() { ["name"] = "Sàn giao dịch", ["kind"] = "technology-exchange", ["joinedOn"] = "2024-05-01" });
        var joined = Read(RecordKinds.Intermediaries, new() { ["name"] = "Sàn giao dịch", ["kind"] = "technology-exchange", ["joinedNetwork"] = "true", ["joinedOn"] = "2024-05-01" });

        Assert.Equal(["joinedOn"], joinedButNot.Errors.Keys);
        Assert.True(joined.IsValid);
    }

    [Fact]
    public void Should_report_no_change_when_the_same_values_are_applied_again()
    {
        var record = new TechnologyTransaction();
        var input = Read(RecordKinds.Transactions, new()
        {
            ["technology"] = "Nhân giống cây dược liệu", ["kind"] = "licence", ["seller"] = "Viện A", ["buyer"] = "HTX B",
            ["value"] = "250.000.000", ["date"] = "15/06/2024", ["locality"] = "cao-bang.hoa-an",
        });

        Assert.True(input.ApplyTo(RecordKinds.Transactions, record));
        Assert.False(input.ApplyTo(RecordKinds.Transactions, record));
        Assert.Equal((250_000_000L, TransactionKind.Licence, new DateOnly(2024, 6, 15), "cao-bang.hoa-an", (string?)null),
            (record.Value, record.Kind, record.Date, record.Locality, record.RegistrationNumber));
    }

    [Fact]
    public void Should_keep_every_error_by_field_and_apply_nothing_when_several_fields_are_wrong()
    {
        var input = Read(RecordKinds.Ip, new() { ["objectKind"] = "trademark", ["title"] = "", ["owner"] = new string('x', 301), ["certificateNumber"] = "123", ["grantedOn"] = "2025-13-01" });

        Assert.Equal(["grantedOn", "owner", "title"], input.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("At most {0} characters.", input.Errors["owner"].Message);
        Assert.Throws<InvalidOperationException>(() => input.ApplyTo(RecordKinds.Ip, new IpRecord()));
    }

    [Theory]
    [InlineData("4c1f0e3b9a2d4f7e8b6a5c3d2e1f0a9b", true)]
    [InlineData("cao-bang.nhan-hieu.2024_1", true)]
    [InlineData("", false)]
    [InlineData("có dấu", false)]
    [InlineData("a/b", false)]
    public void Should_accept_only_ascii_codes_when_a_key_is_given(string key, bool valid) =>
        Assert.Equal(valid, RecordField.IsKey(key));

    private static RecordField Value => RecordKinds.Transactions.Field("value");
    private static RecordField Granted => RecordKinds.Ip.Field("grantedOn");
    private static RecordField Locality => RecordKinds.Ip.Field("locality");

    private static RecordInput Read(RecordKind kind, Dictionary<string, string> values) =>
        RecordInput.Read(kind, key => values.GetValueOrDefault(key), RecordSource.Form, Places);
}
