using Incubator.Web.Features.Programmes;

namespace Incubator.UnitTests.Programmes;

public sealed class ProgrammeJsonTests
{
    // The options once read the field-type converter before it was initialised, so the first use of a programme's
    // JSON threw and the site could not start.
    [Fact]
    public void Should_read_and_write_field_types_in_lower_case_when_a_definition_round_trips()
    {
        var definition = ProgrammeDefinition.Parse("""
            { "key": "k", "form": [ { "key": "summary", "type": "longtext", "label": { "vi": "Tóm tắt" } }, { "key": "areas", "type": "multichoice", "label": { "vi": "Lĩnh vực" } } ] }
            """);

        Assert.Equal([FormFieldType.LongText, FormFieldType.MultiChoice], definition.Form!.Select(f => f.Type));
        var json = definition.ToJson();
        Assert.Contains("\"type\": \"longtext\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"multichoice\"", json, StringComparison.Ordinal);
        Assert.Contains("Tóm tắt", json, StringComparison.Ordinal);
    }
}
