using QRCoder;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>A registration's QR code: the staff check-in address with its code, as PNG (for e-mails) or SVG (on the ticket page).</summary>
internal static class TicketQr
{
    public static byte[] Png(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    public static string Svg(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }
}
