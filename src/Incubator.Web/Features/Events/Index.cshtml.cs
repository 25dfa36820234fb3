using System.Globalization;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events.Pages;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Events;

/// <summary>
/// /events: the published events for everyone, upcoming ones soonest first, then the archive of past ones newest first,
/// each paged in the database; filtered by kind and locality with a plain GET form. Staff also see the events meant for
/// a cohort or a segment, marked as such.
/// </summary>
internal sealed class EventsIndexModel(EventListing listing, TaxonomyService taxonomies, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public const int UpcomingPageSize = 20;
    public const int PastPageSize = 10;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Locality { get; set; }

    /// <summary>The page of upcoming events.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of the archive.</summary>
    [BindProperty(SupportsGet = true, Name = "past")]
    public int PastPageNumber { get; set; } = 1;

    public bool Staff { get; private set; }
    public EventListing.Page Upcoming { get; private set; } = new([], false);
    public EventListing.Page Past { get; private set; } = new([], false);
    public IReadOnlyList<TaxonomyTerm> Kinds { get; private set; } = [];
    public IReadOnlyList<TaxonomyTerm> Localities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Kind = string.IsNullOrWhiteSpace(Kind) ? null : Kind.Trim();
        Locality = string.IsNullOrWhiteSpace(Locality) ? null : Locality.Trim();
        PageNumber = Math.Clamp(PageNumber, 1, EventListing.MaxPage);
        PastPageNumber = Math.Clamp(PastPageNumber, 1, EventListing.MaxPage);
        Staff = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        Kinds = await taxonomies.TermsAsync(TaxonomyTerm.EventKinds, cancellationToken);
        Localities = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken);
        var filter = new EventListing.Filter(Kind, Locality, Staff);
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = await listing.UpcomingAsync(filter, now, PageNumber, UpcomingPageSize, cancellationToken);
        Past = await listing.PastAsync(filter, now, PastPageNumber, PastPageSize, cancellationToken);
    }

    /// <summary>This list with the same filters at another page of upcoming or past events.</summary>
    public string Link(int upcomingPage, int pastPage, string? fragment = null) =>
        Url.Page("/Events/Index") + QueryString.Create(new Dictionary<string, string?>
        {
            ["kind"] = Kind,
            ["locality"] = Locality,
            ["p"] = upcomingPage > 1 ? upcomingPage.ToString(CultureInfo.InvariantCulture) : null,
            ["past"] = pastPage > 1 ? pastPage.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent() + fragment;

    /// <summary>When an event takes place, in Vietnam time: one day with its hours, or its first and last day.</summary>
    public static string When(Event item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var starts = VietnamTimeOf(item.StartsUtc);
        var ends = VietnamTimeOf(item.EndsUtc);
        return starts.Date == ends.Date
            ? $"{Core.Time.VietnamTime.FormatDateTime(item.StartsUtc)}–{ends.ToString("HH:mm", CultureInfo.InvariantCulture)}"
            : $"{Core.Time.VietnamTime.FormatDateTime(item.StartsUtc)} – {Core.Time.VietnamTime.FormatDateTime(item.EndsUtc)}";
    }

    /// <summary>The start as an HTML datetime value with Vietnam's offset.</summary>
    public static string Machine(DateTime utc) => EventsApi.Vietnam(utc).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    private static DateTime VietnamTimeOf(DateTime utc) => Core.Time.VietnamTime.ToLocal(utc);
}
