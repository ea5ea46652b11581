using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.LowByte;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Modeling;

public class LowByteModelTests
{
    private static (byte[] High, byte[] Low) Split(RasterImage wide)
    {
        byte[] high = new byte[wide.Pixels.Length / 2], low = new byte[high.Length];
        for (int i = 0; i < high.Length; i++)
            (high[i], low[i]) = (wide.Pixels[2 * i], wide.Pixels[2 * i + 1]);
        return (high, low);
    }

    [Theory]
    [InlineData(PixelFormat.Grey)]
    [InlineData(PixelFormat.Rgb)]
    [InlineData(PixelFormat.Rgba)]
    public void EncoderPassAndDecoderSessionGiveIdenticalValidTables(PixelFormat format)
    {
        (byte[] high, byte[] low) = Split(SyntheticImages.Photo16(19, 7, format));
        var shape = new PlaneShape(19, 7, format.Channels());
        ModelContract.AssertEncoderMatchesDecoder(LowByteModel.Given(high), low, shape);
    }

    [Fact]
    public void LowBytesTiedToTheHighByteAreLearnedAndNoiseIsNot()
    {
        var shape = new PlaneShape(64, 64, 3);
        (byte[] high, byte[] tied) = Split(SyntheticImages.Widened(SyntheticImages.Photo(64, 64, PixelFormat.Rgb)));
        byte[] noise = SyntheticImages.Noise(64, 64, PixelFormat.Rgb).Pixels;
        // Low byte = high byte: the offset from it is always 0, which the channel's own context learns at once.
        Assert.InRange(ModelContract.BitsPerSubpixel(LowByteModel.Given(high), tied, shape), 0, 0.2);
        Assert.InRange(ModelContract.BitsPerSubpixel(LowByteModel.Given(high), noise, shape), 7.9, 8.3);
    }

    [Fact]
    public void SmoothSixteenBitDataCostsLessThanNoise()
    {
        // A gradient with noise of +-8 levels: the median edge predictor's error (the noise of four
        // samples) leaves about 5.2 bits a low byte; noise costs 8.
        var shape = new PlaneShape(96, 64, 1);
        byte[] high = new byte[shape.SubpixelCount], low = new byte[high.Length];
        uint state = 7;
        for (int i = 0; i < high.Length; i++)
        {
            state = state * 1664525u + 1013904223u;
            int value = i % 96 * 600 + i / 96 * 37 + (int)(state >> 28) - 8;
            (high[i], low[i]) = ((byte)(value >> 8), (byte)value);
        }
        Assert.InRange(ModelContract.BitsPerSubpixel(LowByteModel.Given(high), low, shape), 5.0, 7.0);
    }

    [Fact]
    public void IdentityIsPinnedAndRefusesAMismatchedHighPlane()
    {
        Assert.Equal("pixelcodec/low-byte/v1", LowByteModel.VersionedName);
        Assert.Equal("low-byte", LowByteModel.SharedIdentity.Name);
        Assert.Equal(LowByteModel.SharedIdentity, LowByteModel.Given(new byte[4]).Identity);
        Assert.Throws<ArgumentException>(() => LowByteModel.Given(new byte[4]).BeginDecoding(new PlaneShape(3, 1, 1)));
    }
}
