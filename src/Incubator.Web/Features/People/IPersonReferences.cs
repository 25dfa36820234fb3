namespace Incubator.Web.Features.People;

/// <summary>
/// A feature that keeps rows pointing at people (interactions, tasks, mailings' recipients): when two people are
/// merged, it moves its rows from the merged person to the kept one, inside the merge's transaction, so nothing is
/// left pointing at a record that is now only a pointer. Registered with <see cref="PeopleModule.AddPersonReferences{T}"/>.
/// </summary>
internal interface IPersonReferences
{
    /// <summary>Points every row of this feature that names <paramref name="fromPersonId"/> at <paramref name="toPersonId"/>.</summary>
    Task RepointAsync(string fromPersonId, string toPersonId, CancellationToken cancellationToken);
}
