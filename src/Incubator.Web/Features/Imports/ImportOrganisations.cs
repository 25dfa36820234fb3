using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Taxonomies;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Imports;

/// <summary>The directory entries a checked file would create, each with its content type.</summary>
internal sealed record OrganisationPlan(ImportPreview Preview, IReadOnlyList<(ContentTypeDefinition Type, DirectoryProfile Profile)> Profiles);

/// <summary>
/// Imports organisations (startups, S&amp;T enterprises and the other organisations of the directory) from a sheet. Each
/// row is bound onto a new profile by the content type's own fields, so it is checked by the rules the back office's
/// form applies; only when no row has an error are they all created through the content engine, published and owned
/// by no applicant, as staff create them in the back office, in one transaction.
/// </summary>
internal sealed class ImportOrganisations(IncubatorDbContext db, ContentManager content, ContentFieldsService contentFields, TaxonomyService taxonomies, IStringLocalizer<ImportOrganisations> localizer)
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("Kind", "Kind", true, "Loại", "Loại hình", "Kind", "Type"),
        new("Title", "Name", true, "Tên", "Tên tổ chức", "Name"),
        new("Summary", "Summary", false, "Tóm tắt", "Giới thiệu", "Summary"),
        new("Sectors", "Sectors", false, "Lĩnh vực", "Sectors", "Sector"),
        new("Locality", "Locality", false, "Địa bàn", "Địa phương", "Locality"),
        new("TaxCode", "Tax code", false, "Mã số thuế", "MST", "Tax code"),
        new("Website", "Website", false, "Trang web", "Website"),
        new("ContactEmail", "Contact e-mail", false, "Email liên hệ", "Email", "Contact e-mail", "Contact email"),
        new("ContactPhone", "Contact phone", false, "Điện thoại liên hệ", "Điện thoại", "Contact phone", "Phone"),
    ];

    /// <summary>The words a cell may name a kind by, folded as headers are: the content type and, for other organisations, their kind.</summary>
    private static readonly Dictionary<string, (ContentTypeDefinition Type, OrganisationKind? Kind)> Kinds = new(StringComparer.Ordinal)
    {
        ["startup"] = (DirectoryContentTypes.Startup, null), ["khoinghiep"] = (DirectoryContentTypes.Startup, null),
        ["duankhoinghiep"] = (DirectoryContentTypes.Startup, null), ["doanhnghiepkhoinghiep"] = (DirectoryContentTypes.Startup, null),
        ["enterprise"] = (DirectoryContentTypes.Enterprise, null), ["stenterprise"] = (DirectoryContentTypes.Enterprise, null),
        ["doanhnghiepkhcn"] = (DirectoryContentTypes.Enterprise, null), ["doanhnghiepkhoahocvacongnghe"] = (DirectoryContentTypes.Enterprise, null),
        ["university"] = (DirectoryContentTypes.Organisation, OrganisationKind.University), ["truongdaihoc"] = (DirectoryContentTypes.Organisation, OrganisationKind.University),
        ["researchinstitute"] = (DirectoryContentTypes.Organisation, OrganisationKind.ResearchInstitute), ["viennghiencuu"] = (DirectoryContentTypes.Organisation, OrganisationKind.ResearchInstitute),
        ["incubator"] = (DirectoryContentTypes.Organisation, OrganisationKind.Incubator), ["cosouomtao"] = (DirectoryContentTypes.Organisation, OrganisationKind.Incubator),
        ["vuonuom"] = (DirectoryContentTypes.Organisation, OrganisationKind.Incubator),
        ["intermediary"] = (DirectoryContentTypes.Organisation, OrganisationKind.Intermediary), ["tochuctrunggian"] = (DirectoryContentTypes.Organisation, OrganisationKind.Intermediary),
        ["investor"] = (DirectoryContentTypes.Organisation, OrganisationKind.Investor), ["nhadautu"] = (DirectoryContentTypes.Organisation, OrganisationKind.Investor),
        ["fund"] = (DirectoryContentTypes.Organisation, OrganisationKind.Fund), ["quy"] = (DirectoryContentTypes.Organisation, OrganisationKind.Fund),
        ["quydautu"] = (DirectoryContentTypes.Organisation, OrganisationKind.Fund),
    };

    public async Task<OrganisationPlan> CheckAsync(ImportSheet sheet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var preview = new ImportPreview(ImportKind.Organisations, Columns);
        var (cells, ignored, twice) = ImportColumn.Map(Columns, sheet.Headers);
        preview.Ignored.AddRange(ignored);
        foreach (var column in twice)
        {
            preview.FileErrors.Add(localizer["The column \"{0}\" appears twice.", localizer[column.Label].Value].Value);
        }

        foreach (var column in Columns.Where(c => c.Required && !cells.ContainsKey(c.Field)))
        {
            preview.FileErrors.Add(localizer["The file has no column \"{0}\" (its header may be \"{1}\").", localizer[column.Label].Value, column.Headers[0]].Value);
        }

        var rows = sheet.Rows.Select(r => new ImportRow(r.Number, cells.ToDictionary(c => c.Key, c => c.Value < r.Cells.Count ? ImportColumn.Cell(r.Cells[c.Value]) : string.Empty, StringComparer.Ordinal))).ToList();
        preview.Rows.AddRange(rows);
        if (preview.FileErrors.Count > 0)
        {
            return new OrganisationPlan(preview, []);
        }

        var localities = new ImportTerms(await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken));
        var sectors = new ImportTerms(await taxonomies.TermsAsync(TaxonomyTerm.Sectors, cancellationToken));
        var termExists = await taxonomies.ExistsAsync(cancellationToken);
        var existing = await DirectoryEntries.ReadAsync(db, cancellationToken);
        var fieldsByType = new Dictionary<string, IReadOnlyList<ContentField>>(StringComparer.Ordinal);
        var taxCodesSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var namesSeen = new Dictionary<(string, string), int>();
        var profiles = new List<(ContentTypeDefinition, DirectoryProfile)>();
        foreach (var row in rows)
        {
            var kindText = row.Value("Kind");
            if (!Kinds.TryGetValue(ImportColumn.Fold(kindText), out var kind))
            {
                row.Refuse("Kind", kindText.Length == 0
                    ? localizer["The kind is required."].Value
                    : localizer["Kind \"{0}\" is not known: write startup, S&T enterprise, university, research institute, incubator, intermediary, investor or fund (in Vietnamese or English).", kindText].Value);
                continue;
            }

            if (!fieldsByType.TryGetValue(kind.Type.Name, out var fields))
            {
                fields = fieldsByType[kind.Type.Name] = await contentFields.ForAsync(kind.Type, cancellationToken);
            }

            var profile = (DirectoryProfile)kind.Type.Create();
            var values = Values(row, fields, kind.Kind, localities, sectors);
            foreach (var error in ContentForm.Apply(fields, profile, values, termExists))
            {
                row.Refuse(error.Field, ContentDisplay.Describe(error, localizer));
            }

            CheckDuplicates(row, kind.Type, profile, existing, taxCodesSeen, namesSeen);
            profiles.Add((kind.Type, profile));
        }

        return new OrganisationPlan(preview, profiles);
    }

    /// <summary>
    /// Creates every profile of a checked plan through the content engine, published and owned by no applicant, in one
    /// transaction: a failure of any leaves none of them.
    /// </summary>
    public async Task<int> ImportAsync(OrganisationPlan plan, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.Preview.Importable)
        {
            throw new InvalidOperationException("Only a plan with no error is imported.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (_, profile) in plan.Profiles)
        {
            await content.CreateAsync(profile, userId, publish: true, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return plan.Profiles.Count;
    }

    /// <summary>
    /// The row's values by content field, as the back office's form would post them: names of sectors and localities
    /// turned into their codes (an unknown one is refused on the row), a field the kind does not have refused by name.
    /// The name and summary are always given, so the type's required fields are checked.
    /// </summary>
    private Dictionary<string, IReadOnlyList<string>> Values(ImportRow row, IReadOnlyList<ContentField> fields, OrganisationKind? kind, ImportTerms localities, ImportTerms sectors)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["Title"] = row.Value("Title") is { Length: > 0 } title ? [title] : [],
            ["Summary"] = row.Value("Summary") is { Length: > 0 } summary ? [summary] : [],
        };
        if (kind is { } organisationKind)
        {
            values["Kind"] = [organisationKind.ToString()];
        }

        foreach (var field in new[] { "TaxCode", "Website", "ContactEmail", "ContactPhone" })
        {
            if (row.Value(field) is not { Length: > 0 } value)
            {
                continue;
            }

            if (fields.Any(f => f.Name == field && !f.IsCustom))
            {
                values[field] = [value];
            }
            else
            {
                row.Refuse(field, localizer["A tax code applies to startups and S&T enterprises only."].Value);
            }
        }

        if (row.Value("Locality") is { Length: > 0 } locality)
        {
            var (match, code) = localities.Find(locality);
            if (match == TermMatch.Found)
            {
                values["Locality"] = [code!];
            }
            else
            {
                row.Refuse("Locality", match == TermMatch.Ambiguous
                    ? localizer["Locality \"{0}\" names several localities; write its code.", locality].Value
                    : localizer["Locality \"{0}\" is neither a code nor a name of the locality list.", locality].Value);
            }
        }

        var codes = new List<string>();
        foreach (var sector in row.Value("Sectors").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (match, code) = sectors.Find(sector);
            if (match == TermMatch.Found)
            {
                codes.Add(code!);
            }
            else
            {
                row.Refuse("Sectors", localizer["Sector \"{0}\" is neither a code nor a name of the sector list.", sector].Value);
            }
        }

        if (codes.Count > 0)
        {
            values["Sectors"] = codes;
        }

        return values;
    }

    /// <summary>An entry with the same tax code, or with the same name and kind, in the directory or earlier in the file.</summary>
    private void CheckDuplicates(ImportRow row, ContentTypeDefinition type, DirectoryProfile profile, IReadOnlyList<DirectoryEntry> existing, Dictionary<string, int> taxCodesSeen, Dictionary<(string, string), int> namesSeen)
    {
        var taxCode = profile switch { Startup s => s.TaxCode, Enterprise e => e.TaxCode, _ => null };
        if (!string.IsNullOrEmpty(taxCode))
        {
            if (existing.FirstOrDefault(e => e.TaxCode == taxCode) is { } holder)
            {
                row.Refuse("TaxCode", localizer["Tax code {0} is already in the directory: {1}.", taxCode, holder.Name].Value);
            }
            else if (!taxCodesSeen.TryAdd(taxCode, row.Number))
            {
                row.Refuse("TaxCode", localizer["{0} is already in row {1} of this file.", taxCode, taxCodesSeen[taxCode]].Value);
            }
        }

        var name = PersonText.NormalizeName(profile.Title);
        if (name.Length == 0)
        {
            return;
        }

        if (existing.Any(e => e.Type == type.Name && e.NormalizedName == name))
        {
            row.Refuse("Title", localizer["{0} is already in the system.", profile.Title].Value);
        }
        else if (!namesSeen.TryAdd((type.Name, name), row.Number))
        {
            row.Refuse("Title", localizer["{0} is already in row {1} of this file.", profile.Title, namesSeen[(type.Name, name)]].Value);
        }
    }
}
