using System.Text.Json.Nodes;

namespace Incubator.Web.Features.Account;

/// <summary>
/// A feature that holds data about a person: it gives its part of the person's download and removes or anonymises it
/// when the person's deletion request is carried out. Account knows only this list, so the features that keep
/// personal data (organisations, applications, notifications) depend on Account and never the other way round.
/// </summary>
internal interface IPersonalDataSource
{
    /// <summary>The member of the downloaded JSON file that holds this feature's part ("applications").</summary>
    string Name { get; }

    /// <summary>This feature's data about the person, serialised with <see cref="PersonalDataExport.Serialize"/>.</summary>
    Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken);

    /// <summary>Removes what is the person's alone and anonymises what must be kept, inside the eraser's transaction.</summary>
    Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken);
}
