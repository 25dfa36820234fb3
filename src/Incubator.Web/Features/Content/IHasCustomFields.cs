namespace Incubator.Web.Features.Content;

/// <summary>
/// A content item that a recipe may give custom fields (see <see cref="CustomFieldDefinition"/>): their values live in
/// one JSON object of strings on the item, read and written through <see cref="CustomValues"/>.
/// </summary>
internal interface IHasCustomFields
{
    string CustomFields { get; set; }
}
