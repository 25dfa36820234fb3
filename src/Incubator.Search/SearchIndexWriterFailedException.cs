namespace Incubator.Search;

/// <summary>The index's writer closed after a failure; the index answers as it last committed until it is rebuilt.</summary>
public sealed class SearchIndexWriterFailedException : Exception
{
    public SearchIndexWriterFailedException()
        : base("The search index's writer closed after a failure; the index must be rebuilt.")
    {
    }

    public SearchIndexWriterFailedException(string message)
        : base(message)
    {
    }

    public SearchIndexWriterFailedException(Exception innerException)
        : base("The search index's writer closed after a failure; the index must be rebuilt.", innerException)
    {
    }

    public SearchIndexWriterFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
