namespace Incubator.Web.Features.Records;

/// <summary>The four kinds of record, in the order the index and the recipe step list them.</summary>
internal static class RecordKinds
{
    public static readonly IpRecords Ip = new();
    public static readonly TechnologyTransactions Transactions = new();
    public static readonly Intermediaries Intermediaries = new();
    public static readonly ContestEntries Contest = new();

    public static readonly IReadOnlyList<RecordKind> All = [Ip, Transactions, Intermediaries, Contest];

    public static RecordKind? BySlug(string? slug) => All.FirstOrDefault(k => k.Slug == slug);

    /// <summary>The first and last day of a year, for filters that compare dates (translated on both providers).</summary>
    internal static (DateOnly From, DateOnly To) YearRange(int year) => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
}

internal sealed class IpRecords : RecordKind<IpRecord>
{
    public IpRecords()
    {
        ChoiceFilter = RecordField.For<IpRecord>("objectKind", "Object of protection", RecordFieldType.Choice, r => r.ObjectKind,
            (r, v) => r.ObjectKind = RecordField.Parse<IpObjectKind>((string?)v) ?? default, required: true,
            choices: RecordField.ChoicesOf<IpObjectKind>(k => k switch
            {
                IpObjectKind.Patent => "Patent",
                IpObjectKind.UtilitySolution => "Utility solution",
                IpObjectKind.IndustrialDesign => "Industrial design",
                IpObjectKind.Trademark => "Trademark",
                IpObjectKind.CollectiveMark => "Collective mark",
                IpObjectKind.CertificationMark => "Certification mark",
                IpObjectKind.GeographicalIndication => "Geographical indication",
                _ => "Plant variety",
            }));
        Fields =
        [
            ChoiceFilter,
            RecordField.For<IpRecord>("title", "Name of the protected object", RecordFieldType.Text, r => r.Title, (r, v) => r.Title = (string)v!, required: true, maxLength: IpRecord.TitleMaxLength),
            RecordField.For<IpRecord>("owner", "Title holder", RecordFieldType.Text, r => r.Owner, (r, v) => r.Owner = (string)v!, required: true, maxLength: IpRecord.TextMaxLength),
            RecordField.For<IpRecord>("product", "Product", RecordFieldType.Text, r => r.Product, (r, v) => r.Product = (string?)v, maxLength: IpRecord.TextMaxLength),
            RecordField.For<IpRecord>("keyProduct", "Key or OCOP product", RecordFieldType.Boolean, r => r.KeyProduct, (r, v) => r.KeyProduct = (bool)v!),
            RecordField.For<IpRecord>("certificateNumber", "Protection title number", RecordFieldType.Text, r => r.CertificateNumber, (r, v) => r.CertificateNumber = (string)v!, required: true, maxLength: IpRecord.NumberMaxLength),
            RecordField.For<IpRecord>("grantedOn", "Date granted", RecordFieldType.Date, r => r.GrantedOn, (r, v) => r.GrantedOn = (DateOnly)v!, required: true),
            .. Shared(),
        ];
        Columns = [Field("title"), ChoiceFilter, Field("owner"), Field("certificateNumber"), Field("grantedOn"), Field("keyProduct"), Field("locality")];
    }

    public override string Slug => "ip";
    public override string RecipeProperty => "ipRecords";
    public override string Title => "IP protection records";
    public override string Singular => "IP protection record";
    public override string YearLabel => "Year granted";
    public override RecordField ChoiceFilter { get; }
    public override IReadOnlyList<RecordField> Fields { get; }
    public override IReadOnlyList<RecordField> Columns { get; }

    protected override IQueryable<IpRecord> WhereYear(IQueryable<IpRecord> query, int year)
    {
        var (from, to) = RecordKinds.YearRange(year);
        return query.Where(x => x.GrantedOn >= from && x.GrantedOn <= to);
    }

    protected override IQueryable<IpRecord> WhereChoice(IQueryable<IpRecord> query, string code) =>
        RecordField.Parse<IpObjectKind>(code) is { } kind ? query.Where(x => x.ObjectKind == kind) : query;

    protected override IOrderedQueryable<IpRecord> Newest(IQueryable<IpRecord> query) => query.OrderByDescending(x => x.GrantedOn).ThenByDescending(x => x.Id);
}

internal sealed class TechnologyTransactions : RecordKind<TechnologyTransaction>
{
    public TechnologyTransactions()
    {
        ChoiceFilter = RecordField.For<TechnologyTransaction>("kind", "Kind of transaction", RecordFieldType.Choice, r => r.Kind,
            (r, v) => r.Kind = RecordField.Parse<TransactionKind>((string?)v) ?? default, required: true,
            choices: RecordField.ChoicesOf<TransactionKind>(k => k switch
            {
                TransactionKind.Transfer => "Technology transfer",
                TransactionKind.Licence => "Licence to use",
                _ => "Sale of an IP right",
            }));
        Fields =
        [
            RecordField.For<TechnologyTransaction>("technology", "Technology", RecordFieldType.Text, r => r.Technology, (r, v) => r.Technology = (string)v!, required: true, maxLength: TechnologyTransaction.TextMaxLength),
            ChoiceFilter,
            RecordField.For<TechnologyTransaction>("seller", "Transferor or seller", RecordFieldType.Text, r => r.Seller, (r, v) => r.Seller = (string)v!, required: true, maxLength: TechnologyTransaction.TextMaxLength),
            RecordField.For<TechnologyTransaction>("buyer", "Receiver or buyer", RecordFieldType.Text, r => r.Buyer, (r, v) => r.Buyer = (string)v!, required: true, maxLength: TechnologyTransaction.TextMaxLength),
            RecordField.For<TechnologyTransaction>("value", "Value (₫)", RecordFieldType.Money, r => r.Value, (r, v) => r.Value = (long)v!, required: true),
            RecordField.For<TechnologyTransaction>("date", "Date of the contract", RecordFieldType.Date, r => r.Date, (r, v) => r.Date = (DateOnly)v!, required: true),
            RecordField.For<TechnologyTransaction>("registrationNumber", "Contract registration number", RecordFieldType.Text, r => r.RegistrationNumber, (r, v) => r.RegistrationNumber = (string?)v, maxLength: TechnologyTransaction.NumberMaxLength),
            .. Shared(),
        ];
        Columns = [Field("technology"), ChoiceFilter, Field("seller"), Field("buyer"), Field("value"), Field("date"), Field("locality")];
    }

    public override string Slug => "transactions";
    public override string RecipeProperty => "technologyTransactions";
    public override string Title => "Technology transactions";
    public override string Singular => "Technology transaction";
    public override string YearLabel => "Year of the contract";
    public override RecordField ChoiceFilter { get; }
    public override IReadOnlyList<RecordField> Fields { get; }
    public override IReadOnlyList<RecordField> Columns { get; }

    protected override IQueryable<TechnologyTransaction> WhereYear(IQueryable<TechnologyTransaction> query, int year)
    {
        var (from, to) = RecordKinds.YearRange(year);
        return query.Where(x => x.Date >= from && x.Date <= to);
    }

    protected override IQueryable<TechnologyTransaction> WhereChoice(IQueryable<TechnologyTransaction> query, string code) =>
        RecordField.Parse<TransactionKind>(code) is { } kind ? query.Where(x => x.Kind == kind) : query;

    protected override IOrderedQueryable<TechnologyTransaction> Newest(IQueryable<TechnologyTransaction> query) => query.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id);
}

internal sealed class Intermediaries : RecordKind<Intermediary>
{
    public Intermediaries()
    {
        ChoiceFilter = RecordField.For<Intermediary>("kind", "Kind of intermediary", RecordFieldType.Choice, r => r.Kind,
            (r, v) => r.Kind = RecordField.Parse<IntermediaryKind>((string?)v) ?? default, required: true,
            choices: RecordField.ChoicesOf<IntermediaryKind>(k => k switch
            {
                IntermediaryKind.TechnologyExchange => "Technology exchange",
                IntermediaryKind.TransferCentre => "Technology application and transfer centre",
                IntermediaryKind.BrokerageConsulting => "Technology brokerage and consulting",
                IntermediaryKind.Assessment => "Technology assessment, valuation and appraisal",
                IntermediaryKind.Incubator => "Incubator",
                IntermediaryKind.IpService => "IP services",
                _ => "Other",
            }));
        Fields =
        [
            RecordField.For<Intermediary>("name", "Name", RecordFieldType.Text, r => r.Name, (r, v) => r.Name = (string)v!, required: true, maxLength: Intermediary.NameMaxLength),
            ChoiceFilter,
            RecordField.For<Intermediary>("joinedNetwork", "Joined the national network of S&T market intermediaries", RecordFieldType.Boolean, r => r.JoinedNetwork, (r, v) => r.JoinedNetwork = (bool)v!),
            RecordField.For<Intermediary>("joinedOn", "Joined on", RecordFieldType.Date, r => r.JoinedOn, (r, v) => r.JoinedOn = (DateOnly?)v),
            RecordField.For<Intermediary>("organisationId", "Organisation in the directory", RecordFieldType.Organisation, r => r.OrganisationId, (r, v) => r.OrganisationId = (string?)v, maxLength: Intermediary.OrganisationIdMaxLength),
            .. Shared(),
        ];
        Columns = [Field("name"), ChoiceFilter, Field("joinedNetwork"), Field("joinedOn"), Field("locality")];
    }

    public override string Slug => "intermediaries";
    public override string RecipeProperty => "intermediaries";
    public override string Title => "Intermediary organisations";
    public override string Singular => "Intermediary organisation";
    public override string YearLabel => "Year joined";
    public override RecordField ChoiceFilter { get; }
    public override IReadOnlyList<RecordField> Fields { get; }
    public override IReadOnlyList<RecordField> Columns { get; }

    /// <summary>A date of joining for an organisation that has not joined would be counted by no target and mislead a reader.</summary>
    public override IEnumerable<(string Field, RecordError Error)> Check(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetValueOrDefault("joinedOn") is not null && values.GetValueOrDefault("joinedNetwork") is false)
        {
            yield return ("joinedOn", new RecordError("Give this date only when the organisation has joined the network."));
        }
    }

    protected override IQueryable<Intermediary> WhereYear(IQueryable<Intermediary> query, int year)
    {
        var (from, to) = RecordKinds.YearRange(year);
        return query.Where(x => x.JoinedOn >= from && x.JoinedOn <= to);
    }

    protected override IQueryable<Intermediary> WhereChoice(IQueryable<Intermediary> query, string code) =>
        RecordField.Parse<IntermediaryKind>(code) is { } kind ? query.Where(x => x.Kind == kind) : query;

    protected override IOrderedQueryable<Intermediary> Newest(IQueryable<Intermediary> query) => query.OrderByDescending(x => x.CreatedUtc).ThenByDescending(x => x.Id);
}

internal sealed class ContestEntries : RecordKind<ContestEntry>
{
    public ContestEntries()
    {
        ChoiceFilter = RecordField.For<ContestEntry>("result", "Result", RecordFieldType.Choice, r => r.Result,
            (r, v) => r.Result = RecordField.Parse<ContestResult>((string?)v) ?? default, required: true,
            choices: RecordField.ChoicesOf<ContestResult>(k => k switch
            {
                ContestResult.None => "No prize",
                ContestResult.Consolation => "Consolation prize",
                ContestResult.Third => "Third prize",
                ContestResult.Second => "Second prize",
                ContestResult.First => "First prize",
                _ => "Qualified for the national contest",
            }));
        Fields =
        [
            RecordField.For<ContestEntry>("title", "Solution", RecordFieldType.Text, r => r.Title, (r, v) => r.Title = (string)v!, required: true, maxLength: ContestEntry.TitleMaxLength),
            RecordField.For<ContestEntry>("authors", "Authors", RecordFieldType.Text, r => r.Authors, (r, v) => r.Authors = (string)v!, required: true, maxLength: ContestEntry.TextMaxLength),
            RecordField.For<ContestEntry>("field", "Technical field", RecordFieldType.Text, r => r.Field, (r, v) => r.Field = (string?)v, maxLength: ContestEntry.TextMaxLength),
            RecordField.For<ContestEntry>("round", "Contest round", RecordFieldType.Code, r => r.Round, (r, v) => r.Round = (string)v!, required: true, maxLength: ContestEntry.RoundMaxLength),
            ChoiceFilter,
            RecordField.For<ContestEntry>("appliedInProduction", "Applied in production", RecordFieldType.Boolean, r => r.AppliedInProduction, (r, v) => r.AppliedInProduction = (bool)v!),
            .. Shared(),
        ];
        Columns = [Field("title"), Field("authors"), Field("round"), ChoiceFilter, Field("appliedInProduction"), Field("locality")];
    }

    public override string Slug => "contest";
    public override string RecipeProperty => "contestEntries";
    public override string Title => "Technical-innovation contest entries";
    public override string Singular => "Contest entry";
    public override string YearLabel => "Contest round";
    public override RecordField ChoiceFilter { get; }
    public override IReadOnlyList<RecordField> Fields { get; }
    public override IReadOnlyList<RecordField> Columns { get; }

    /// <summary>A round is its year or starts with it ("2025", "2025-2"), so a year finds the year's rounds.</summary>
    protected override IQueryable<ContestEntry> WhereYear(IQueryable<ContestEntry> query, int year)
    {
        var exact = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var prefix = exact + "-";
        return query.Where(x => x.Round == exact || x.Round.StartsWith(prefix));
    }

    protected override IQueryable<ContestEntry> WhereChoice(IQueryable<ContestEntry> query, string code) =>
        RecordField.Parse<ContestResult>(code) is { } result ? query.Where(x => x.Result == result) : query;

    protected override IOrderedQueryable<ContestEntry> Newest(IQueryable<ContestEntry> query) => query.OrderByDescending(x => x.Round).ThenByDescending(x => x.Id);
}
