using Incubator.Core.Content;
using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Events;

/// <summary>
/// An event the incubator or the department runs: a training, workshop, networking meeting, demo day, technology fair or
/// the technical-innovation contest. A content item (versions, publication, search) whose slug is its address. Times are
/// stored in UTC and entered and shown in Vietnam time.
/// </summary>
internal sealed class Event : ContentItem
{
    public const string TypeName = "event";
    public const int MaxText = 300;
    public const int MaxUrl = 500;
    public const int MaxDescription = 20000;

    public override string ContentType => TypeName;

    public string? TitleEn { get; set; }

    /// <summary>A code of the event-kinds taxonomy: training, workshop, networking, demo-day, tech-fair, contest.</summary>
    public string Kind { get; set; } = EventKinds.Training;

    /// <summary>Markdown, rendered with the site's safe renderer.</summary>
    public string? Description { get; set; }

    public DateTime StartsUtc { get; set; }
    public DateTime EndsUtc { get; set; }
    public string? Place { get; set; }

    /// <summary>A code of the locality taxonomy.</summary>
    public string? Locality { get; set; }

    public string? OnlineUrl { get; set; }
    public string? Organiser { get; set; }

    /// <summary>How many people may be confirmed at once; null for no limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>Registration opens at (UTC); null: as soon as the event is published.</summary>
    public DateTime? RegistrationOpensUtc { get; set; }

    /// <summary>Registration closes at (UTC); null: at the start.</summary>
    public DateTime? RegistrationClosesUtc { get; set; }

    public EventAudience Audience { get; set; }

    /// <summary>The cohort's key (<see cref="EventAudience.Cohort"/>) or the segment's id (<see cref="EventAudience.Segment"/>).</summary>
    public string? AudienceKey { get; set; }

    /// <summary>The questions asked at registration, in the programme form's shape (<see cref="FormField"/>; no file fields).</summary>
    public string QuestionsJson { get; set; } = "[]";

    public string? FeeNote { get; set; }

    /// <summary>A contest's entry round: the programme (by key) whose applications are its entries.</summary>
    public string? ProgrammeKey { get; set; }

    public IReadOnlyList<FormField> Questions => Programme.ReadForm(QuestionsJson);

    public LocalizedText Name => new(Title, TitleEn);

    /// <summary>Whether registration is open at <paramref name="nowUtc"/>: inside the window and before the end of the event.</summary>
    public bool RegistrationOpenAt(DateTime nowUtc) =>
        (RegistrationOpensUtc is not { } opens || nowUtc >= opens)
        && nowUtc < (RegistrationClosesUtc ?? StartsUtc)
        && nowUtc < EndsUtc;
}

/// <summary>Who may register.</summary>
internal enum EventAudience
{
    /// <summary>Anyone, signed in or not.</summary>
    Public,

    /// <summary>Signed-in owners (and their colleagues) of the organisations in one cohort.</summary>
    Cohort,

    /// <summary>Signed-in owners of the organisations in one mailing segment.</summary>
    Segment,
}

/// <summary>The codes of the event-kinds taxonomy the API and the pages know.</summary>
internal static class EventKinds
{
    public const string Taxonomy = "event-kinds";
    public const string Training = "training";
    public const string Workshop = "workshop";
    public const string Networking = "networking";
    public const string DemoDay = "demo-day";
    public const string TechFair = "tech-fair";
    public const string Contest = "contest";

    public static readonly IReadOnlyList<string> All = [Training, Workshop, Networking, DemoDay, TechFair, Contest];
}

internal sealed class EventConfiguration() : ContentItemConfiguration<Event>("Events")
{
    public override void Configure(EntityTypeBuilder<Event> builder)
    {
        base.Configure(builder);
        builder.Ignore(x => x.Questions);
        builder.Ignore(x => x.Name);
        builder.Property(x => x.TitleEn).HasMaxLength(Event.MaxText);
        builder.Property(x => x.Kind).HasMaxLength(64).IsRequired();
        builder.Property(x => x.Description).HasMaxLength(Event.MaxDescription);
        builder.Property(x => x.Place).HasMaxLength(Event.MaxText);
        builder.Property(x => x.Locality).HasMaxLength(64);
        builder.Property(x => x.OnlineUrl).HasMaxLength(Event.MaxUrl);
        builder.Property(x => x.Organiser).HasMaxLength(Event.MaxText);
        builder.Property(x => x.Audience).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.AudienceKey).HasMaxLength(64);
        builder.Property(x => x.QuestionsJson).IsRequired();
        builder.Property(x => x.FeeNote).HasMaxLength(Event.MaxText);
        builder.Property(x => x.ProgrammeKey).HasMaxLength(Core.Text.Slug.MaxLength);
        builder.HasIndex(x => new { x.Published, x.StartsUtc });
    }
}
