using System.Globalization;
using Incubator.Core.Time;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Attendance;

/// <summary>What the check-in pages say about a check-in, in the reader's language.</summary>
internal static class CheckInMessages
{
    public static (bool Success, string Text) Describe(CheckInResult result, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(localizer);
        return result.Outcome switch
        {
            CheckInOutcome.CheckedIn => (true, localizer["Checked in: {0}", result.Registration!.Name]),
            CheckInOutcome.AlreadyCheckedIn => (false, localizer[
                "{0} was already checked in at {1}.", result.Registration!.Name,
                VietnamTime.ToLocal(result.Registration.CheckedInUtc!.Value).ToString("HH:mm", CultureInfo.InvariantCulture)]),
            CheckInOutcome.OtherEvent => (false, localizer["This code is a registration for another event."]),
            CheckInOutcome.NotConfirmed => (false, localizer[AttendanceApi.NotConfirmedMessage(result.Registration!)]),
            _ => (false, localizer["No registration has this code. Check the code and try again."]),
        };
    }
}
