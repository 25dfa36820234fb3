namespace Incubator.Web.Features.Pipeline.Admin;

/// <summary>A breakdown of the board's counts (by sector or by locality) as a table: its first column's heading, rows, stages.</summary>
internal sealed record BreakdownTable(string Heading, IReadOnlyList<BreakdownRow> Rows, IReadOnlyList<PipelineColumn> Stages, string Id);
