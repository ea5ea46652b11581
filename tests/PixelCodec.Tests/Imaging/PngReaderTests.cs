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
    public void SixteenBitIsRefusedClearly()
    {
        byte[] png = File.ReadAllBytes(RepoPaths.Fixture("rgb8-13x11.png"));
        png[24] = 16; // IHDR's bit depth, with the chunk's CRC made right again
        FixChunkCrc(png, 8);
        Assert.Equal("16-bit PNG is not supported: PixelCodec codes 8-bit images", Assert.Throws<ImageFormatException>(() => PngReader.Read(png)).Message);
    }

    [Fact]
    public void BadCrcIsNamed()
    {
        byte[] png = File.ReadAllBytes(RepoPaths.Fixture("rgb8-13x11.png"));
        png[20] ^= 1;
        Assert.Contains("IHDR is corrupt (CRC mismatch)", Assert.Throws<ImageFormatException>(() => PngReader.Read(png)).Message);
    }

    private static void FixChunkCrc(byte[] png, int chunkOffset)
    {
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(chunkOffset));
        uint crc = Crc32.Compute(png.AsSpan(chunkOffset + 4, 4 + length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(chunkOffset + 8 + length), crc);
    }
}
