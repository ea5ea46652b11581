using PixelCodec.Entropy;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Modeling;

public class ContextModelTests
{
    private static readonly ContextModel Model = ContextModel.Instance;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void EncoderPassAndDecoderSessionGiveIdenticalValidTables(int channels)
    {
        var format = channels == 1 ? PixelFormat.Grey : PixelFormat.Rgb;
        foreach (RasterImage image in new[] { SyntheticImages.Photo(19, 11, format), SyntheticImages.Noise(7, 5, format), SyntheticImages.Constant(4, 4, format, 255) })
            ModelContract.AssertEncoderMatchesDecoder(Model, image.Pixels, new PlaneShape(image.Width, image.Height, channels));
    }

    [Fact]
    public void PredictableImagesCostFarLessThanNoise()
    {
        double BitsPerSubpixel(RasterImage image) => ModelContract.BitsPerSubpixel(Model, image.Pixels, new PlaneShape(image.Width, image.Height, 3));

        double constant = BitsPerSubpixel(SyntheticImages.Constant(64, 64, PixelFormat.Rgb, 77));
        double photo = BitsPerSubpixel(SyntheticImages.Photo(64, 64, PixelFormat.Rgb));
        double noise = BitsPerSubpixel(SyntheticImages.Noise(64, 64, PixelFormat.Rgb));
        Assert.InRange(constant, 0, 0.2);
        Assert.InRange(photo, constant, 4.5);
        Assert.InRange(noise, 7.9, 8.6);
    }

    [Fact]
    public void IdentityIsPinned()
    {
        // Files coded by the baseline record this hash; changing the model means a new versioned name.
        Assert.Equal("bce7aadf5de0e3836a4725eb2a7cdeed6f8ad15ef3d7e8f80fd376ffeb23a565", Convert.ToHexStringLower(Model.Identity.Hash));
    }

    [Fact]
    public void SupportsOneToFourChannelsOnly()
    {
        Assert.True(Model.SupportsChannels(1));
        Assert.True(Model.SupportsChannels(3));
        Assert.False(Model.SupportsChannels(0));
        Assert.False(Model.SupportsChannels(5));
        Assert.Throws<ArgumentException>(() => Model.BeginDecoding(new PlaneShape(2, 2, 5)));
    }
}
