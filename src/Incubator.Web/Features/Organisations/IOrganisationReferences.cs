namespace Incubator.Web.Features.Organisations;

/// <summary>
/// A feature whose records name organisations (a submitted application, a decision). When its owner's account is
/// deleted, an organisation that such a record names stays, without its owner; one that nothing names goes.
/// </summary>
internal interface IOrganisationReferences
{
    Task<bool> IsReferencedAsync(string organisationId, CancellationToken cancellationToken);
}
