using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// What model binding says when a posted value does not fit its property (a word where a number goes), in the
/// visitor's language rather than the framework's English. The messages are read at binding time, on the request's
/// thread, so the localiser answers in the request's culture.
/// </summary>
internal sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var localizer = factory.Create(typeof(JsonStringLocalizerFactory));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => localizer["\"{0}\" is not a valid value here.", value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["\"{0}\" is not a valid value here.", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => localizer["This value is not valid."]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["This value is not valid."]);
        messages.SetValueIsInvalidAccessor(value => localizer["\"{0}\" is not a valid value here.", value]);
        messages.SetValueMustBeANumberAccessor(_ => localizer["Enter a number."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Enter a number."]);
        messages.SetValueMustNotBeNullAccessor(_ => localizer["Enter a value."]);
        messages.SetMissingBindRequiredValueAccessor(_ => localizer["Enter a value."]);
        messages.SetMissingKeyOrValueAccessor(() => localizer["Enter a value."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["The request could not be read."]);

        // A non-nullable property is not required by that alone: each rule is an attribute with a localised message,
        // never the framework's English "The field is required.".
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    }
}
