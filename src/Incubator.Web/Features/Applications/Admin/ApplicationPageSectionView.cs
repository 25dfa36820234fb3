namespace Incubator.Web.Features.Applications.Admin;

/// <summary>What a section gives the application page: the path of its partial view and the model that view takes.</summary>
internal sealed record ApplicationPageSectionView(string Partial, object Model);
