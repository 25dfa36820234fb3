using System.Globalization;

namespace Incubator.Core.Results;

/// <summary>
/// A message whose English key has placeholders ("At most {0} characters."), together with its values, carried as
/// one string through the places that hold messages as plain strings (a <see cref="CommandResult"/>'s errors, a
/// form's list of problems). The site's localiser splits it again where the message leaves, translates the key and
/// fills in the values, so a message with a number in it reads in the reader's language like any other.
/// </summary>
public static class FormattedMessage
{
    /// <summary>The unit separator: neither a key nor anything a person types holds it.</summary>
    public const char Separator = '\u001F';

    /// <summary>The key and its values as one message string; values are kept in invariant form.</summary>
    public static string Create(string key, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Length == 0
            ? key
            : key + string.Concat(arguments.Select(a => Separator + Convert.ToString(a, CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The key and values of a message made by <see cref="Create"/>; false for a plain message. A value that is a
    /// number in invariant form comes back as a number, so that it is written the reader's way (70,5 in Vietnamese).
    /// </summary>
    public static bool TryParse(string message, out string key, out object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = message.Split(Separator);
        key = parts[0];
        arguments = [.. parts.Skip(1).Select(Value)];
        return parts.Length > 1;
    }

    /// <summary>The English text with its values filled in, for places no localiser reaches (a log, an exception).</summary>
    public static string ToEnglish(string message) =>
        TryParse(message, out var key, out var arguments) ? string.Format(CultureInfo.InvariantCulture, key, arguments) : message;

    private static object Value(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
        && number.ToString(CultureInfo.InvariantCulture) == text
            ? number
            : text;
}
