using System.Security.Claims;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Timeline;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Incubator.Web.Features.Organisations;

/// <summary>Who reads an organisation's timeline: staff (the back-office permission) read all of it, its owner what is theirs.</summary>
internal sealed class OrganisationTimeline(IAuthorizationService authorization, UserManager<User> users)
{
    public static TimelineSubject Subject(string organisationId) => new(TimelineSubjectKind.Organisation, organisationId);

    /// <summary>The reader's flags for this organisation; neither staff nor owner means the reader may not read it.</summary>
    public async Task<TimelineViewer> ViewerAsync(ClaimsPrincipal user, DirectoryProfile organisation)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(organisation);
        var userId = users.GetUserId(user);
        var staff = userId is not null && (await authorization.AuthorizeAsync(user, Policies.BackOffice)).Succeeded;
        return new TimelineViewer(userId, staff, userId is not null && organisation.OwnerId == userId);
    }
}
