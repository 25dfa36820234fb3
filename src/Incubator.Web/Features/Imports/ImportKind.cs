namespace Incubator.Web.Features.Imports;

/// <summary>What a file brings in.</summary>
internal enum ImportKind
{
    People,
    Organisations,
}
