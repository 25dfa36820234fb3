namespace Incubator.Core.Results;

/// <summary>How a command ended. Anything but <see cref="Ok"/> changed nothing.</summary>
public enum CommandStatus
{
    Ok,

    /// <summary>What was sent does not hold; the errors say where (HTTP 400, messages next to the fields on a page).</summary>
    Invalid,

    /// <summary>The thing does not exist, or the caller may not know it does (HTTP 404).</summary>
    NotFound,

    /// <summary>The thing is not in a state that allows the command, or another change won a race (HTTP 409).</summary>
    Conflict,

    /// <summary>The caller may see the thing but not do this to it (HTTP 403).</summary>
    Forbidden,
}

/// <summary>
/// The one answer of a command, whatever the feature: success, or what went wrong keyed by field. Messages are the
/// site's English texts, translated once where the answer leaves (the API's ProblemDetails, a page's ModelState), so
/// the features that decide say no the same way.
/// </summary>
public class CommandResult
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    protected CommandResult(CommandStatus status, IReadOnlyDictionary<string, string>? errors, string? detail)
    {
        Status = status;
        Errors = errors ?? NoErrors;
        Detail = detail;
    }

    public CommandStatus Status { get; }

    public bool Succeeded => Status == CommandStatus.Ok;

    /// <summary>Field (as the caller named it, e.g. "data.approvedAmount") → message; empty on success.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    /// <summary>What happened, for a refusal not about one field (a conflict, a forbidden action).</summary>
    public string? Detail { get; }

    public static CommandResult Ok() => new(CommandStatus.Ok, null, null);

    public static CommandResult Invalid(IReadOnlyDictionary<string, string> errors) => new(CommandStatus.Invalid, errors, null);

    public static CommandResult Invalid(string field, string message) => Invalid(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = message });

    public static CommandResult NotFound() => new(CommandStatus.NotFound, null, null);

    /// <param name="detail">What happened; null to say the fields' messages instead.</param>
    /// <param name="fields">The fields at issue, when the conflict concerns some (e.g. a field that cannot change now).</param>
    public static CommandResult Conflict(string? detail, IReadOnlyDictionary<string, string>? fields = null) => new(CommandStatus.Conflict, fields, detail);

    public static CommandResult Forbidden(string detail) => new(CommandStatus.Forbidden, null, detail);

    public static CommandResult<T> Ok<T>(T value) => new(CommandStatus.Ok, value, null, null);

    /// <summary>This refusal as the answer of a command that makes a <typeparamref name="T"/>, possibly naming the one concerned.</summary>
    public CommandResult<T> As<T>(T? concerned = default)
    {
        if (Succeeded)
        {
            throw new InvalidOperationException("Only a refusal carries over without the command's result.");
        }

        return new(Status, concerned, Errors, Detail);
    }
}

/// <summary>
/// A <see cref="CommandResult"/> that carries what the command made or changed on success. Made by
/// <see cref="CommandResult.Ok{T}(T)"/>, or from a refusal by <see cref="CommandResult.As{T}(T)"/>.
/// </summary>
public sealed class CommandResult<T> : CommandResult
{
    internal CommandResult(CommandStatus status, T? value, IReadOnlyDictionary<string, string>? errors, string? detail)
        : base(status, errors, detail) => Value = value;

    /// <summary>The result on success; on a conflict, possibly the thing concerned (e.g. the application that already exists).</summary>
    public T? Value { get; }
}
