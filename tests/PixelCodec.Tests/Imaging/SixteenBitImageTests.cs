using System.Buffers.Binary;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Imaging;

public class SixteenBitImageTests
{
    [Theory]
    [InlineData(PixelFormat.Grey, 0, false)]
    [InlineData(PixelFormat.GreyAlpha, 4, false)]
    [InlineData(PixelFormat.Rgb, 2, false)]
    [InlineData(PixelFormat.Rgba, 6, false)]
    [InlineData(PixelFormat.Grey, 0, true)]
    [InlineData(PixelFormat.Rgba, 6, true)]
    public void PngsWrittenByImageMagickReadToTheSameSamples(PixelFormat format, int colourType, bool interlaced)
    {
        using var folder = new TempFolder();
        RasterImage image = SyntheticImages.Photo16(13, 11, format, seed: (uint)colourType + 3);
        File.WriteAllBytes(folder.File("in.rgba"), Rgba.Expand16(image));
        ImageMagick.Convert(["-size", "13x11", "-depth", "16", "-endian", "MSB", $"rgba:{folder.File("in.rgba")}",
            "-define", "png:bit-depth=16", "-define", $"png:color-type={colourType}", .. interlaced ? new[] { "-interlace", "PNG" } : [], folder.File("im.png")]);

        RasterImage ours = PngReader.Read(File.ReadAllBytes(folder.File("im.png")));
        Assert.Equal((16, format), (ours.BitDepth, ours.Format));
        Assert.True(image.PixelsEqual(ours), $"{format}: samples differ from what ImageMagick wrote");
    }

    [Theory]
    [InlineData(PixelFormat.Grey)]
    [InlineData(PixelFormat.GreyAlpha)]
    [InlineData(PixelFormat.Rgb)]
    [InlineData(PixelFormat.Rgba)]
    public void OurPngsReadBackAndImageMagickReadsThemIdentically(PixelFormat format)
    {
        using var folder = new TempFolder();
        RasterImage image = SyntheticImages.Photo16(17, 5, format);
        byte[] png = PngWriter.Encode(image);
        Assert.Equal(16, png[24]);
        Assert.True(image.PixelsEqual(PngReader.Read(png)));
        File.WriteAllBytes(folder.File("ours.png"), png);
        Assert.Equal(Rgba.Expand16(image), ImageMagick.DecodeToRgba16(folder.File("ours.png")));
    }

    [Theory]
    [InlineData(PixelFormat.Grey, PixelFormat.GreyAlpha)]
    [InlineData(PixelFormat.Rgb, PixelFormat.Rgba)]
    public void ATransparencyKeyBecomesSixteenBitAlpha(PixelFormat format, PixelFormat expected)
    {
        RasterImage image = SyntheticImages.Photo16(6, 4, format);
        int sampleBytes = image.Channels * 2;
        image.Pixels.AsSpan(0, sampleBytes).CopyTo(image.Pixels.AsSpan(5 * sampleBytes));
        byte[] png = PngWriter.Encode(image);
        byte[] withKey = [.. png[..33], .. Chunk("tRNS", image.Pixels[..sampleBytes]), .. png[33..]];

        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("key.png"), withKey);
        RasterImage ours = PngReader.Read(withKey);
        Assert.Equal((16, expected), (ours.BitDepth, ours.Format));
        Assert.Equal(ImageMagick.DecodeToRgba16(folder.File("key.png")), Rgba.Expand16(ours));
        Assert.Equal(2, Rgba.Expand16(ours).Chunk(8).Count(p => p[6] == 0 && p[7] == 0));
    }

    [Theory]
    [InlineData(PixelFormat.Grey, "P5")]
    [InlineData(PixelFormat.Rgb, "P6")]
    public void PnmWithMaxval65535RoundTrips(PixelFormat format, string magic)
    {
        RasterImage image = SyntheticImages.Photo16(7, 3, format);
        using var stream = new MemoryStream();
        ImageFile.Write(image, stream, ImageFileType.Pnm);
        byte[] file = stream.ToArray();
        Assert.StartsWith($"{magic}\n7 3\n65535\n", System.Text.Encoding.ASCII.GetString(file, 0, 15));
        Assert.True(image.PixelsEqual(ImageFile.Read(file)));
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }
}
