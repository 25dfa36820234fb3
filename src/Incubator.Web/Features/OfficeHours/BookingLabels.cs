namespace Incubator.Web.Features.OfficeHours;

/// <summary>The English keys of a booking's status, for the localiser.</summary>
internal static class BookingLabels
{
    public static string Status(string status) => status switch
    {
        BookingStatus.Booked => "Booked",
        BookingStatus.Cancelled => "Cancelled",
        BookingStatus.Held => "Held",
        _ => "No-show",
    };
}
