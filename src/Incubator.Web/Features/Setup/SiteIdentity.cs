using Incubator.Web.Infrastructure.Caching;
using System.Globalization;
using System.Net.Mail;
using System.Text.Json.Nodes;
using System.Text.Encodings.Web;
using Incubator.Core.Text;
using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Setup;

/// <summary>
/// Who runs the site, as a province's recipe sets it: the portal's name and the owning department in both languages,
/// and how to reach it. Empty values fall back to the product's generic wording.
/// </summary>
internal sealed record SiteIdentity(
    string? NameVi = null,
    string? NameEn = null,
    string? OwnerVi = null,
    string? OwnerEn = null,
    string? Email = null,
    string? Phone = null,
    string? Address = null)
{
    public static IReadOnlyDictionary<string, Func<SiteIdentity, string?>> Keys { get; } = new Dictionary<string, Func<SiteIdentity, string?>>
    {
        ["site:name:vi"] = s => s.NameVi,
        ["site:name:en"] = s => s.NameEn,
        ["site:owner:vi"] = s => s.OwnerVi,
        ["site:owner:en"] = s => s.OwnerEn,
        ["site:contact:email"] = s => s.Email,
        ["site:contact:phone"] = s => s.Phone,
        ["site:contact:address"] = s => s.Address,
    };

    /// <summary>The name in the reader's language; English falls back to Vietnamese.</summary>
    public string? Name => English ? NameEn ?? NameVi : NameVi;

    public string? Owner => English ? OwnerEn ?? OwnerVi : OwnerVi;

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}

/// <summary>Reads and writes <see cref="SiteIdentity"/> in the settings table; read once per request.</summary>
internal sealed class SiteIdentityStore(IncubatorDbContext db, DataCache cache)
{
    private SiteIdentity? _current;

    /// <summary>The identity every page shows, from the <see cref="DataCache"/> until a setting is saved.</summary>
    public async Task<SiteIdentity> GetAsync(CancellationToken cancellationToken = default) =>
        _current ??= await cache.GetAsync("site:identity", [typeof(SiteSetting)], ReadAsync, cancellationToken);

    private async Task<SiteIdentity> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = await db.SiteSettings.AsNoTracking().Where(s => s.Key.StartsWith("site:")).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        string? Get(string key) => rows.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        return new SiteIdentity(
            Get("site:name:vi"), Get("site:name:en"), Get("site:owner:vi"), Get("site:owner:en"),
            Get("site:contact:email"), Get("site:contact:phone"), Get("site:contact:address"));
    }

    /// <summary>Writes the values that are set (null leaves a value as it is); returns how many changed.</summary>
    public async Task<int> SetAsync(SiteIdentity values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var changed = 0;
        foreach (var (key, get) in SiteIdentity.Keys)
        {
            if (get(values) is not { } value)
            {
                continue;
            }

            if (await db.SetSettingAsync(key, value, cancellationToken))
            {
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        _current = null;
        return changed;
    }
}

/// <summary>
/// Recipe step "Settings": the site's identity, e.g.
/// <c>{ "siteName": { "vi": "…", "en": "…" }, "owner": { "vi": "Sở KH&amp;CN tỉnh Cao Bằng" }, "contact": { "email": "…", "phone": "…", "address": "…" } }</c>.
/// Every part is optional; what a recipe leaves out stays as it is.
/// </summary>
internal sealed class SettingsStep(SiteIdentityStore store) : IRecipeStep, IRecipeExport
{
    public const int NameMaxLength = 120;
    public const int OwnerMaxLength = 200;
    public const int AddressMaxLength = 300;

    public string Name => "Settings";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    public int ExportOrder => 5;

    /// <summary>The parts of the identity the site has; null when it has none (the product's generic wording).</summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var identity = await store.GetAsync(cancellationToken);
        var result = new JsonObject();
        if (Pair(identity.NameVi, identity.NameEn) is { } siteName)
        {
            result["siteName"] = siteName;
        }

        if (Pair(identity.OwnerVi, identity.OwnerEn) is { } owner)
        {
            result["owner"] = owner;
        }

        var contact = new JsonObject();
        foreach (var (key, value) in new[] { ("email", identity.Email), ("phone", identity.Phone), ("address", identity.Address) })
        {
            if (value is not null)
            {
                contact[key] = value;
            }
        }

        if (contact.Count > 0)
        {
            result["contact"] = contact;
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonObject? Pair(string? vi, string? en)
    {
        var pair = new JsonObject();
        if (vi is not null)
        {
            pair["vi"] = vi;
        }

        if (en is not null)
        {
            pair["en"] = en;
        }

        return pair.Count == 0 ? null : pair;
    }

    public sealed record Localized(string? Vi, string? En);

    public sealed record Contact(string? Email, string? Phone, string? Address);

    public sealed record Data(Localized? SiteName, Localized? Owner, Contact? Contact);

    public void Validate(RecipeStep step) => _ = Read(step);

    public Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken) => store.SetAsync(Read(step), cancellationToken);

    private static SiteIdentity Read(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        string? Text(string? value, string field, int max)
        {
            if (value is null)
            {
                return null;
            }

            var text = VietnameseText.ToNfc(value.Trim());
            if (text.Length == 0)
            {
                throw step.Fail(field, "must not be empty; leave it out to keep the current value");
            }

            return text.Length > max ? throw step.Fail(field, "is longer than {0} characters", max) : text;
        }

        var email = Text(data.Contact?.Email, "$.contact.email", 254);
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            throw step.Fail("$.contact.email", "'{0}' is not an e-mail address", email);
        }

        var phone = Text(data.Contact?.Phone, "$.contact.phone", 40);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')'))
        {
            throw step.Fail("$.contact.phone", "may hold only digits, spaces and + . - ( )");
        }

        return new SiteIdentity(
            Text(data.SiteName?.Vi, "$.siteName.vi", NameMaxLength),
            Text(data.SiteName?.En, "$.siteName.en", NameMaxLength),
            Text(data.Owner?.Vi, "$.owner.vi", OwnerMaxLength),
            Text(data.Owner?.En, "$.owner.en", OwnerMaxLength),
            email,
            phone,
            Text(data.Contact?.Address, "$.contact.address", AddressMaxLength));
    }
}

/// <summary>
/// The portal's name as plain (encoded) text; the themes put it in the title and the header. A view component must be
/// public to be found, and the site's services are internal, so it takes the store from the request.
/// </summary>
public sealed class SiteNameViewComponent(IStringLocalizer<SiteNameViewComponent> localizer) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var identity = await HttpContext.RequestServices.GetRequiredService<SiteIdentityStore>().GetAsync(HttpContext.RequestAborted);
        return Content(identity.Name ?? localizer["Innovation ecosystem portal"]);
    }
}

/// <summary>The footer's lines: the owning department and its contacts, encoded here (themes cannot reference the host).</summary>
public sealed class SiteFooterViewComponent(IStringLocalizer<SiteFooterViewComponent> localizer, HtmlEncoder encoder) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var identity = await HttpContext.RequestServices.GetRequiredService<SiteIdentityStore>().GetAsync(HttpContext.RequestAborted);
        var owner = encoder.Encode(identity.Owner ?? localizer["Department of Science and Technology · Startup and innovation incubator"]);
        var contacts = new List<string>();
        if (identity.Address is { } address)
        {
            contacts.Add(encoder.Encode(address));
        }

        if (identity.Phone is { } phone)
        {
            contacts.Add($"<a href=\"tel:{encoder.Encode(new string([.. phone.Where(c => char.IsAsciiDigit(c) || c == '+')]))}\">{encoder.Encode(phone)}</a>");
        }

        if (identity.Email is { } email)
        {
            contacts.Add($"<a href=\"mailto:{encoder.Encode(email)}\">{encoder.Encode(email)}</a>");
        }

        var html = contacts.Count == 0
            ? $"<p class=\"site-owner\">{owner}</p>"
            : $"<p class=\"site-owner\">{owner}</p><p class=\"site-contact\">{string.Join(" · ", contacts)}</p>";
        return new HtmlContentViewComponentResult(new HtmlString(html));
    }
}
