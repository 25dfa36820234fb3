using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Applications.Admin;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>
/// On the back-office application page, the way to the leader's decision page (the evidence first, then the form)
/// once the application waits for a decision, and who signed the decision once it is taken.
/// </summary>
internal sealed class DecisionSection : IApplicationPageSection
{
    public int Order => 200;

    public Task<ApplicationPageSectionView?> BuildAsync(ApplicationPageContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var application = page.Application;
        var shown = application.Status == ApplicationStatuses.AwaitingDecision || application.SignerName is not null;
        return Task.FromResult(shown ? new ApplicationPageSectionView("/Features/Reviews/Admin/_DecisionSection.cshtml", application) : null);
    }

    /// <summary>"Nguyễn Văn A, Phó Giám đốc": the signer as the decision names them.</summary>
    public static string Signer(SupportApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return string.Join(", ", new[] { application.SignerName, application.SignerTitle }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }
}
