using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Applications.Admin;

/// <summary>
/// What the application page has already read, handed to its sections so that none reads it again: the submitted
/// application, its programme's latest version, and whether the user may change things (staff) or only read (leaders).
/// </summary>
internal sealed record ApplicationPageContext(SupportApplication Application, Programme? Programme, bool MayAct);
