using Incubator.Web.Features.Content;

namespace Incubator.Web.Features.Programmes;

/// <summary>Support programmes as a content type; their rounds, form and rubric have their own editor.</summary>
internal static class ProgrammeContentTypes
{
    public static readonly ContentTypeDefinition<Programme> Programme = new(
        Features.Programmes.Programme.TypeName, "programmes", "Support programme", "Support programmes",
        [
            ContentField.Text<Programme>("Title", "Name", x => x.Title, (x, v) => x.Title = v ?? string.Empty, required: true, maxLength: 300),
        ])
    {
        GenericEditor = false,
        AdminListPage = "/Programmes/Admin/Index",
        PublicPath = slug => $"/programmes/{slug}",
    };
}
