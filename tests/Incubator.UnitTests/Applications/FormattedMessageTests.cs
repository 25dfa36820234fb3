using System.Globalization;
using System.Text.Json;
using Incubator.Core.Results;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Infrastructure;

namespace Incubator.UnitTests.Applications;

/// <summary>
/// Messages with numbers in them travel as their English key with the values, and the localiser writes them in the
/// reader's language: the applicant's form says "Tối đa 5 ký tự." in Vietnamese, not "At most 5 characters.".
/// </summary>
public sealed class FormattedMessageTests
{
    [Fact]
    public void Should_say_the_limit_in_vietnamese_when_an_answer_is_too_long()
    {
        var form = new[] { new FormField("summary", FormFieldType.Text, new LocalizedText("Tóm tắt"), MaxLength: 5) };
        var answers = new Dictionary<string, JsonElement> { ["summary"] = JsonSerializer.SerializeToElement("Quá dài") };
        var message = ApplicationForm.CheckTypes(form, answers)["answers.summary"];

        Assert.Equal("Tối đa 5 ký tự.", InCulture("vi-VN", () => Localizer()[message].Value));
        Assert.Equal("At most 5 characters.", InCulture("en-GB", () => Localizer()[message].Value));
        Assert.Equal("At most 5 characters.", FormattedMessage.ToEnglish(message));
    }

    [Fact]
    public void Should_write_a_decimal_the_readers_way_when_a_programme_rubric_is_refused()
    {
        var message = FormattedMessage.Create("The pass mark must be between 0 and 100, not {0}.", 120.5m);

        Assert.Equal("Điểm đạt phải từ 0 đến 100, không phải 120,5.", InCulture("vi-VN", () => Localizer()[message].Value));
    }

    [Fact]
    public void Should_keep_a_value_as_typed_when_it_only_looks_like_a_number()
    {
        Assert.True(FormattedMessage.TryParse(FormattedMessage.Create("The round key '{0}' is used twice.", "007"), out var key, out var values));

        Assert.Equal("The round key '{0}' is used twice.", key);
        Assert.Equal(["007"], values);
        Assert.False(FormattedMessage.TryParse("This field is required.", out _, out _));
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer Localizer() => new JsonStringLocalizerFactory().Create(typeof(FormattedMessageTests));

    private static string InCulture(string name, Func<string> read)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
