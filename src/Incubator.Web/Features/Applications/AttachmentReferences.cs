namespace Incubator.Web.Features.Applications;

/// <summary>
/// Another feature's rows that name files in the attachments folder (<see cref="AttachmentStore"/>): the sweep keeps a
/// file one of them names, and the backup carries the files its (table, column) pairs hold. Registered with
/// <see cref="AttachmentReferencesExtensions.AddAttachmentReferences{T}"/>.
/// </summary>
internal interface IAttachmentReferences
{
    /// <summary>The (table, column) pairs whose values are stored names of this folder.</summary>
    IReadOnlyList<(string Table, string Column)> Columns { get; }

    /// <summary>Which of <paramref name="names"/> a row still names (a scoped <paramref name="services"/>).</summary>
    Task<IReadOnlyCollection<string>> ReferencedAsync(IServiceProvider services, IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}

internal static class AttachmentReferencesExtensions
{
    /// <summary>Registers rows of another feature as naming files of the attachments folder.</summary>
    public static IServiceCollection AddAttachmentReferences<T>(this IServiceCollection services)
        where T : class, IAttachmentReferences
    {
        services.AddSingleton<IAttachmentReferences, T>();
        return services;
    }
}
