using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Container;

/// <summary>
/// Every real image of the validation and photo sets, and every PNG fixture (palette, low bit depths,
/// interlaced, transparency), round-trips exactly through .prnn.
/// </summary>
public class RealImageRoundTripTests
{
    public static TheoryData<string> Folders() => new(
        Path.Combine("imagenet32-sample", "valid_32x32"),
        "photos");

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryImageRoundTrips(string folder)
    {
        string[] files = Directory.GetFiles(Path.Combine(RepoPaths.SharedData, folder), "*.png");
        Assert.NotEmpty(files);
        Parallel.ForEach(files, path =>
        {
            RasterImage image = ImageFile.Read(File.ReadAllBytes(path));
            // Large photos in tiles, so the test exercises both paths and uses both cores.
            int tile = image.Width * image.Height > 100_000 ? 128 : 0;
            RasterImage decoded = PrnnTestCodec.Decode(PrnnTestCodec.Encode(image, tile));
            Assert.True(image.PixelsEqual(decoded), $"{path} did not round-trip");
        });
    }

    [Fact]
    public void EveryPngFixtureRoundTrips()
    {
        foreach (string path in Directory.GetFiles(RepoPaths.Fixture(""), "*.png"))
        {
            RasterImage image = ImageFile.Read(File.ReadAllBytes(path));
            Assert.True(image.PixelsEqual(PrnnTestCodec.Decode(PrnnTestCodec.Encode(image))), $"{path} did not round-trip");
        }
    }
}
