namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>One submitted score sheet as the council's summary lists it.</summary>
internal sealed record SheetRow(string Reviewer, SheetResult? Result, string? Comment);
