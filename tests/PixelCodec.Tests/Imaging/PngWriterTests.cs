using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Imaging;

public class PngWriterTests
{
    public static TheoryData<string> EdgeCaseNames() => new(SyntheticImages.EdgeCases().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(EdgeCaseNames))]
    public void ReadsBackIdentically(string name)
    {
        RasterImage image = SyntheticImages.EdgeCases().Single(c => c.Name == name).Image;
        RasterImage back = PngReader.Read(PngWriter.Encode(image));
        Assert.Equal(image.Format, back.Format);
        Assert.True(image.PixelsEqual(back));
    }

    [Theory]
    [InlineData(PixelFormat.Grey)]
    [InlineData(PixelFormat.GreyAlpha)]
    [InlineData(PixelFormat.Rgb)]
    [InlineData(PixelFormat.Rgba)]
    public void ImageMagickReadsOurFilesIdentically(PixelFormat format)
    {
        using var folder = new TempFolder();
        foreach (RasterImage image in new[] { SyntheticImages.Photo(31, 9, format), SyntheticImages.Noise(6, 13, format) })
        {
            File.WriteAllBytes(folder.File("ours.png"), PngWriter.Encode(image));
            Assert.Equal(Rgba.Expand(image), ImageMagick.DecodeToRgba(folder.File("ours.png")));
        }
    }

    [Fact]
    public void SmoothImagesCompress()
    {
        RasterImage image = SyntheticImages.Constant(64, 64, PixelFormat.Rgb, 200);
        Assert.InRange(PngWriter.Encode(image).Length, 50, 200);
    }
}
