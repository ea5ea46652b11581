using PixelCodec.Container;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Container;

public class PrnnRoundTripTests
{
    public static TheoryData<string> EdgeCaseNames() => new(SyntheticImages.EdgeCases().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(EdgeCaseNames))]
    public void EdgeCasesRoundTripWholeAndTiled(string name)
    {
        RasterImage image = SyntheticImages.EdgeCases().Single(c => c.Name == name).Image;
        foreach (int tile in new[] { 0, 1, 5, 16 })
        {
            RasterImage decoded = PrnnTestCodec.Decode(PrnnTestCodec.Encode(image, tile));
            Assert.Equal(image.Format, decoded.Format);
            Assert.True(image.PixelsEqual(decoded), $"{name} with tile {tile} did not round-trip");
        }
    }

    [Fact]
    public void OutputBytesDoNotDependOnThreadCount()
    {
        RasterImage image = SyntheticImages.Photo(70, 45, PixelFormat.Rgba);
        byte[] single = PrnnTestCodec.Encode(image, tileSize: 16, threads: 1);
        Assert.Equal(single, PrnnTestCodec.Encode(image, tileSize: 16, threads: 2));
        Assert.Equal(single, PrnnTestCodec.Encode(image, tileSize: 16, threads: 7));
        Assert.True(image.PixelsEqual(PrnnTestCodec.Decode(single, threads: 2)));
    }

    [Fact]
    public void GreyIsCodedAsOnePlaneOfOneChannel()
    {
        RasterImage grey = SyntheticImages.Photo(48, 48, PixelFormat.Grey);
        var rgbTwin = new RasterImage(48, 48, PixelFormat.Rgb);
        for (int i = 0; i < grey.Pixels.Length; i++)
            rgbTwin.Pixels.AsSpan(i * 3, 3).Fill(grey.Pixels[i]);
        byte[] file = PrnnTestCodec.Encode(grey);

        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        Assert.Equal(1, Assert.Single(header.Planes).Channels);
        Assert.True(file.Length < PrnnTestCodec.Encode(rgbTwin).Length);
        Assert.Equal(PixelFormat.Grey, PrnnTestCodec.Decode(file).Format);
    }

    [Fact]
    public void AWholeRgbImageHasAThirtyByteHeader()
    {
        // 4 magic, 1 version, 1 format, 2 size, 8 model id, 2 segment length, 8 checksum, 4 check:
        // on a 32x32 image every header byte costs 0.0026 bits per sub-pixel.
        byte[] file = PrnnTestCodec.Encode(SyntheticImages.Photo(32, 32, PixelFormat.Rgb));
        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        Assert.Equal(30, file.Length - header.PayloadLength);
    }
}
