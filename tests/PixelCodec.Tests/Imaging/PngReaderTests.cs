using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Imaging;

public class PngReaderTests
{
    public static TheoryData<string> Fixtures() =>
        new(Directory.GetFiles(RepoPaths.Fixture(""), "*.png").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void DecodesLikeImageMagick(string name)
    {
        string path = RepoPaths.Fixture(name);
        RasterImage ours = PngReader.Read(File.ReadAllBytes(path));
        Assert.Equal(ImageMagick.DecodeToRgba(path), Rgba.Expand(ours));
    }

    [Theory]
    [InlineData("grey1-13x11.png", PixelFormat.Grey)]
    [InlineData("grey4-trns.png", PixelFormat.GreyAlpha)]
    [InlineData("palette8-33x17.png", PixelFormat.Rgb)]
    [InlineData("palette4-trns.png", PixelFormat.Rgba)]
    [InlineData("rgb8-trns-adam7.png", PixelFormat.Rgba)]
    [InlineData("greyalpha8-7x1.png", PixelFormat.GreyAlpha)]
    [InlineData("rgba8-1x1-adam7.png", PixelFormat.Rgba)]
    public void KeepsGreyAsGreyAndAlphaAsAlpha(string name, PixelFormat expected)
    {
        Assert.Equal(expected, PngReader.Read(File.ReadAllBytes(RepoPaths.Fixture(name))).Format);
    }

    [Fact]
    public void RealPhotographsDecodeLikeImageMagick()
    {
        foreach (string name in new[] { "coins.png", "chelsea.png" })
        {
            string path = Path.Combine(RepoPaths.SharedData, "photos", name);
            Assert.Equal(ImageMagick.DecodeToRgba(path), Rgba.Expand(PngReader.Read(File.ReadAllBytes(path))));
        }
    }

    [Fact]
    public void AnAncillaryChunkWithABadCrcIsSkippedWithAWarning()
    {
        byte[] clean = File.ReadAllBytes(RepoPaths.Fixture("rgb8-split-idat-ancillary.png"));
        byte[] png = (byte[])clean.Clone();
        png[49 + 8 + 3] ^= 1; // a byte of the tEXt chunk's text
        RasterImage image = ImageFile.Read(png, out IReadOnlyList<string> warnings);
        Assert.True(PngReader.Read(clean).PixelsEqual(image));
        Assert.Equal("PNG chunk tEXt is corrupt (CRC mismatch) and was skipped", Assert.Single(warnings));
        PngReader.Read(clean, out IReadOnlyList<string> none);
        Assert.Empty(none);
    }

    [Theory]
    [InlineData(8 + 8, "IHDR")]
    [InlineData(150 + 8, "IDAT")]
    [InlineData(1205 + 8, "IEND")]
    public void ACriticalChunkWithABadCrcIsAnError(int offset, string chunk)
    {
        byte[] png = File.ReadAllBytes(RepoPaths.Fixture("rgb8-split-idat-ancillary.png"));
        png[offset] ^= 1; // a data byte, or for IEND its CRC
        Assert.Equal($"PNG chunk {chunk} is corrupt (CRC mismatch)", Assert.Throws<ImageFormatException>(() => PngReader.Read(png)).Message);
    }

    [Fact]
    public void ADamagedPaletteIsAnError()
    {
        byte[] png = File.ReadAllBytes(RepoPaths.Fixture("palette8-13x11.png"));
        int plte = png.AsSpan().IndexOf("PLTE"u8) - 4;
        png[plte + 8] ^= 1;
        Assert.Equal("PNG chunk PLTE is corrupt (CRC mismatch)", Assert.Throws<ImageFormatException>(() => PngReader.Read(png)).Message);
    }

    [Fact]
    public void BadCrcIsNamed()
    {
        byte[] png = File.ReadAllBytes(RepoPaths.Fixture("rgb8-13x11.png"));
        png[20] ^= 1;
        Assert.Contains("IHDR is corrupt (CRC mismatch)", Assert.Throws<ImageFormatException>(() => PngReader.Read(png)).Message);
    }
}
