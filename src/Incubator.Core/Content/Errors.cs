namespace Incubator.Core.Content;

/// <summary>The item does not exist, was deleted, or is not visible to the caller.</summary>
public sealed class ContentNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentNotFoundException()
        : base("The content item was not found.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ContentNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ContentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A change refused by a rule; the message is shown to the user and the change is not saved.</summary>
public sealed class ContentRuleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentRuleException()
    {
    }

    /// <summary>Creates the exception with the message shown to the user.</summary>
    public ContentRuleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ContentRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The field concerned, if any.</summary>
    public string? Field { get; init; }
}
