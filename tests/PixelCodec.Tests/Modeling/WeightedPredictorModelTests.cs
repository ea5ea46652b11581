using PixelCodec.Engine;
using PixelCodec.Entropy;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Weighted;
using PixelCodec.Tests.Engine;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Modeling;

public class WeightedPredictorModelTests
{
    private static readonly WeightedPredictorModel Model = WeightedPredictorModel.Instance;

    [Theory]
    [InlineData(PixelFormat.Grey)]
    [InlineData(PixelFormat.GreyAlpha)]
    [InlineData(PixelFormat.Rgb)]
    [InlineData(PixelFormat.Rgba)]
    public void EncoderPassAndDecoderSessionGiveIdenticalValidTables(PixelFormat format)
    {
        foreach (RasterImage image in new[] { SyntheticImages.Photo(19, 11, format), SyntheticImages.Noise(7, 5, format), SyntheticImages.Constant(4, 4, format, 255), SyntheticImages.Photo(1, 9, format), SyntheticImages.Photo(9, 1, format) })
            ModelContract.AssertEncoderMatchesDecoder(Model, image.Pixels, new PlaneShape(image.Width, image.Height, image.Channels));
    }

    [Fact]
    public void WithAnExpertEncoderAndDecoderStillAgreeAndTheExpertIsHeard()
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.RowLstm, 6, 2, 9, seed: 5)));
        WeightedPredictorModel hybrid = WeightedPredictorModel.With(neural);
        foreach (RasterImage image in new[] { SyntheticImages.Photo(13, 9, PixelFormat.Rgb), SyntheticImages.Noise(5, 7, PixelFormat.Rgb) })
            ModelContract.AssertEncoderMatchesDecoder(hybrid, image.Pixels, new PlaneShape(image.Width, image.Height, 3));
        RasterImage photo = SyntheticImages.Photo(16, 12, PixelFormat.Rgb);
        Assert.NotEqual(Bits(Model, photo), Bits(hybrid, photo));
        Assert.Equal("weighted(random)", hybrid.Identity.Name);
        Assert.NotEqual(Model.Identity, hybrid.Identity);
        Assert.False(hybrid.SupportsChannels(1));
        Assert.True(hybrid.SupportsChannels(3));
    }

    [Fact]
    public void PredictableImagesCostFarLessThanNoise()
    {
        double constant = Bits(Model, SyntheticImages.Constant(64, 64, PixelFormat.Rgb, 77));
        double photo = Bits(Model, SyntheticImages.Photo(64, 64, PixelFormat.Rgb));
        double noise = Bits(Model, SyntheticImages.Noise(64, 64, PixelFormat.Rgb));
        Assert.InRange(constant, 0, 0.2);
        Assert.InRange(photo, constant, 4.5);
        Assert.InRange(noise, 7.9, 8.6);
    }

    [Fact]
    public void CodesARealPhotographSmallerThanTheBaseline()
    {
        // The reason the model exists; measured on the corpus photos: 2.65 against 3.03 bits/sub-pixel.
        RasterImage photo = ImageFile.Read(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "corpus", "photos", "chelsea.png")));
        double weighted = Bits(Model, photo), baseline = Bits(ContextModel.Instance, photo);
        Assert.True(weighted < 0.95 * baseline, $"weighted {weighted:0.000} against baseline {baseline:0.000} bits/sub-pixel");
    }

    [Fact]
    public void IdentityIsPinned()
    {
        // Files coded with the model record this hash; changing the model means a new versioned name.
        Assert.Equal("pixelcodec/weighted-predictor/v1", WeightedPredictorModel.VersionedName);
        Assert.Equal("weighted", Model.Identity.Name);
        Assert.NotEqual(ContextModel.Instance.Identity, Model.Identity);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("pixelcodec/weighted-predictor/v1"u8)), Convert.ToHexStringLower(Model.Identity.Hash));
    }

    [Fact]
    public void SupportsOneToFourChannelsOnly()
    {
        Assert.True(Model.SupportsChannels(1));
        Assert.True(Model.SupportsChannels(4));
        Assert.False(Model.SupportsChannels(0));
        Assert.False(Model.SupportsChannels(5));
        Assert.Throws<ArgumentException>(() => Model.BeginDecoding(new PlaneShape(2, 2, 5)));
    }

    private static double Bits(IProbabilityModel model, RasterImage image) =>
        ModelContract.BitsPerSubpixel(model, image.Pixels, new PlaneShape(image.Width, image.Height, image.Channels));
}
