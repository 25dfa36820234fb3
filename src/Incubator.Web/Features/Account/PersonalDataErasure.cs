using System.Text.Json.Nodes;

namespace Incubator.Web.Features.Account;

/// <summary>
/// One person's deletion as the personal-data sources see it: who it is, every address and value that identifies them,
/// and the files to delete once the transaction has committed (a rollback must not leave rows without files).
/// </summary>
internal sealed class PersonalDataErasure(User user, string actorId, IReadOnlyList<string> addresses, IReadOnlyList<string> personal)
{
    private readonly List<Action> afterCommit = [];

    public User User { get; } = user;

    /// <summary>The staff member carrying out the request.</summary>
    public string ActorId { get; } = actorId;

    /// <summary>Every e-mail address the account has had.</summary>
    public IReadOnlyList<string> Addresses { get; } = addresses;

    /// <summary>The addresses, the display name and the phone number.</summary>
    public IReadOnlyList<string> Personal { get; } = personal;

    /// <summary>Something to do once the rows are gone for good, such as deleting stored files.</summary>
    public void AfterCommit(Action action) => afterCommit.Add(action);

    internal void Committed()
    {
        foreach (var action in afterCommit)
        {
            action();
        }
    }

    /// <summary>True when the value is one of the account's e-mail addresses.</summary>
    public bool IsAddress(string? value) => Matches(value, Addresses);

    /// <summary>True when the value is the account's phone number, however it is spaced or punctuated.</summary>
    public bool IsPhone(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(User.PhoneNumber) && AccountProfile.DigitsOf(value) == AccountProfile.DigitsOf(User.PhoneNumber);

    /// <summary>A form's answer that is exactly the person's name, address or phone becomes the placeholder.</summary>
    public string AnonymiseAnswers(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject answers)
        {
            return json;
        }

        foreach (var (key, value) in answers.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && Matches(text, Personal))
            {
                answers[key] = AccountEraser.Anonymised;
            }
        }

        return answers.ToJsonString();
    }

    internal static bool Matches(string? value, IEnumerable<string> candidates) =>
        !string.IsNullOrWhiteSpace(value) && candidates.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);
}
