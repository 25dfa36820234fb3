using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using ZXing;
using ZXing.Common;

namespace Incubator.Web.Features.Events.Attendance;

/// <summary>
/// Reads the QR code in a photo of a ticket, for phones whose browser has no BarcodeDetector: the photo is decoded with
/// ImageSharp (JPEG, PNG, WebP, GIF, BMP), made at most <see cref="MaxSide"/> pixels wide or high, and its pixels given to
/// ZXing. Anything that is not such an image, or is too large, is refused without being decoded.
/// </summary>
internal static class QrPhoto
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxSide = 1600;
    public const long MaxPixels = 50_000_000;

    /// <summary>The text the QR code holds; null when the photo shows none; <see cref="InvalidDataException"/> when it is no image.</summary>
    public static async Task<string?> ReadAsync(Stream photo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        using var buffer = new MemoryStream();
        await photo.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBytes)
        {
            throw new InvalidDataException("The photo is too large.");
        }

        try
        {
            buffer.Position = 0;
            var info = await Image.IdentifyAsync(buffer, cancellationToken) ?? throw new InvalidDataException("Not an image.");
            if ((long)info.Width * info.Height > MaxPixels)
            {
                throw new InvalidDataException("The photo has too many pixels.");
            }

            buffer.Position = 0;
            using var image = await Image.LoadAsync<Rgba32>(buffer, cancellationToken);
            image.Mutate(x => x.AutoOrient());
            if (Math.Max(image.Width, image.Height) > MaxSide)
            {
                image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(MaxSide, MaxSide) }));
            }

            var pixels = new byte[image.Width * image.Height * 4];
            image.CopyPixelDataTo(pixels);
            var source = new RGBLuminanceSource(pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
            var reader = new BarcodeReaderGeneric
            {
                AutoRotate = true,
                Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
            };
            return reader.Decode(source)?.Text;
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or ImageFormatException)
        {
            throw new InvalidDataException("Not an image.", e);
        }
    }
}
