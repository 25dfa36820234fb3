namespace Incubator.Web.Features.CheckIns;

/// <summary>One number a check-in reports: its key in the API (and the errors), its English label, whether it is money, and how to read it.</summary>
internal sealed record CheckInMetric(string Key, string Label, bool Money, Func<CheckIn, long> Read)
{
    /// <summary>The form's property for it: "Revenue", "FundingGrant"...</summary>
    public string Field => Key.StartsWith("fundingRaised.", StringComparison.Ordinal)
        ? "Funding" + char.ToUpperInvariant(Key["fundingRaised.".Length]) + Key[("fundingRaised.".Length + 1)..]
        : char.ToUpperInvariant(Key[0]) + Key[1..];
}

/// <summary>The numbers a check-in holds, their labels and bounds, in the order the form and the charts list them.</summary>
internal static class CheckInRules
{
    public const int MaxComment = 2000;

    /// <summary>A million billion đồng: far above any startup's figure, well inside a long.</summary>
    public const long MaxMoney = 1_000_000_000_000_000;

    public const long MaxCount = 1_000_000;

    public static readonly CheckInMetric Revenue = new("revenue", "Revenue (đồng)", true, c => c.Revenue);
    public static readonly CheckInMetric Employees = new("employees", "Employees", false, c => c.Employees);
    public static readonly CheckInMetric WomenEmployees = new("womenEmployees", "of whom women", false, c => c.WomenEmployees);
    public static readonly CheckInMetric NewJobs = new("newJobs", "New jobs", false, c => c.NewJobs);
    public static readonly CheckInMetric FundingGrant = new("fundingRaised.grant", "Grants raised (đồng)", true, c => c.FundingGrant);
    public static readonly CheckInMetric FundingEquity = new("fundingRaised.equity", "Equity raised (đồng)", true, c => c.FundingEquity);
    public static readonly CheckInMetric FundingLoan = new("fundingRaised.loan", "Loans raised (đồng)", true, c => c.FundingLoan);
    public static readonly CheckInMetric Customers = new("customers", "Customers", false, c => c.Customers);
    public static readonly CheckInMetric ProductsLaunched = new("productsLaunched", "Products launched", false, c => c.ProductsLaunched);
    public static readonly CheckInMetric IpFilings = new("ipFilings", "IP filings", false, c => c.IpFilings);
    public static readonly CheckInMetric IpGranted = new("ipGranted", "IP granted", false, c => c.IpGranted);
    public static readonly CheckInMetric Exports = new("exports", "Exports (đồng)", true, c => c.Exports);

    public static readonly IReadOnlyList<CheckInMetric> All =
        [Revenue, Employees, WomenEmployees, NewJobs, FundingGrant, FundingEquity, FundingLoan, Customers, ProductsLaunched, IpFilings, IpGranted, Exports];

    /// <summary>The funding raised in all three forms, charted as one.</summary>
    public static readonly CheckInMetric Funding = new("funding", "Funding raised (đồng)", true, c => c.FundingTotal);

    /// <summary>What the charts show, one each: the numbers that move, with the three kinds of funding together.</summary>
    public static readonly IReadOnlyList<CheckInMetric> Charted = [Revenue, Employees, NewJobs, Funding, Customers, ProductsLaunched, IpFilings, Exports];

    /// <summary>The metric a target may name (its <c>kind</c> filter): the API's keys, funding as "funding" and its parts as "fundingGrant"...</summary>
    public static readonly IReadOnlyList<(string Kind, CheckInMetric Metric)> Indicators =
    [
        ("revenue", Revenue), ("employees", Employees), ("womenEmployees", WomenEmployees), ("newJobs", NewJobs), ("funding", Funding),
        ("fundingGrant", FundingGrant), ("fundingEquity", FundingEquity), ("fundingLoan", FundingLoan), ("customers", Customers),
        ("productsLaunched", ProductsLaunched), ("ipFilings", IpFilings), ("ipGranted", IpGranted), ("exports", Exports),
    ];
}
