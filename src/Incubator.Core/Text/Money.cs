using System.Globalization;

namespace Incubator.Core.Text;

/// <summary>Money is a whole number of đồng (a <see cref="long"/>), shown as "1.500.000.000 ₫".</summary>
public static class Money
{
    private static readonly NumberFormatInfo VndFormat = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>Formats an amount of đồng with dots between thousands and the ₫ sign.</summary>
    public static string Format(long dong) => dong.ToString("#,0", VndFormat) + " ₫";
}
