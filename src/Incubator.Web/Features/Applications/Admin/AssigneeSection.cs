namespace Incubator.Web.Features.Applications.Admin;

/// <summary>
/// The officer an application is assigned to, on its back-office page, with staff's form to assign another; a section
/// (rather than a change to the page itself) so the page stays as it is, and the form posts to <see cref="AssigneeModel"/>.
/// </summary>
internal sealed class AssigneeSection(ApplicationAssignment assignment) : IApplicationPageSection
{
    public int Order => 10;

    public async Task<ApplicationPageSectionView?> BuildAsync(ApplicationPageContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var staff = await assignment.StaffAsync(cancellationToken);
        var assigneeId = page.Application.AssigneeId;
        var name = assigneeId is null ? null : staff.FirstOrDefault(s => s.Id == assigneeId)?.Name ?? await assignment.NameAsync(assigneeId, cancellationToken);
        return new ApplicationPageSectionView(
            "/Features/Applications/Admin/_AssigneeSection.cshtml",
            new AssigneeSectionModel(page.Application.Id, assigneeId, name, page.MayAct, page.MayAct ? staff : []));
    }
}
