using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Mixing;
using PixelCodec.Tests.Engine;

namespace PixelCodec.Tests.Container;

/// <summary>
/// Multi-scale files (format version 4): the colour plane's subsample is coded first, in a segment of
/// its own, then the plane given it; a preview decodes from a prefix that holds the subsample.
/// </summary>
public class MultiScaleFileTests
{
    private static readonly NeuralModel Conditional = new("random-ms", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.MultiScaleRowLstm, 6, 2, 9, seed: 12)));

    private static readonly MultiScaleModel Model = new(ContextModel.Instance, MixtureModel.Of(Conditional, ContextModel.Instance));

    private static readonly ModelCatalog Catalog = new(Model);

    public static TheoryData<PixelFormat, int, int> Images() => new()
    {
        { PixelFormat.Rgb, 1, 1 }, { PixelFormat.Rgb, 5, 3 }, { PixelFormat.Rgb, 9, 7 }, { PixelFormat.Rgba, 6, 5 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void AMultiScaleFileDecodesExactlyAndItsPreviewIsTheSubsample(PixelFormat format, int width, int height)
    {
        RasterImage image = RandomImage(width, height, format, seed: width * 7 + height);
        byte[] file = Encode(image, Model);

        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        Assert.True(header.IsMultiScale);
        Assert.Equal(PrnnHeaderCodec.MultiScaleVersion, header.Version);
        Assert.True(PrnnDecoder.Decode(file, Catalog).PixelsEqual(image));
        Assert.True(PrnnDecoder.Decode(file, Catalog, threads: 2).PixelsEqual(image));

        byte[] colour = ColourPlane(image);
        byte[] expected = Subsample.Of(colour, new PlaneShape(width, height, 3));
        int prefix = file.Length - (int)header.PayloadLength + header.SegmentLengths[0];
        RasterImage preview = PrnnDecoder.DecodePreview(file.AsMemory(0, prefix), Catalog);
        Assert.Equal((Subsample.Side(width), Subsample.Side(height)), (preview.Width, preview.Height));
        Assert.Equal(expected, preview.Pixels);
        PrnnFormatException shortOfIt = Assert.Throws<PrnnFormatException>(() => PrnnDecoder.DecodePreview(file.AsMemory(0, prefix - 1), Catalog));
        Assert.Contains("truncated", shortOfIt.Message);
    }

    [Fact]
    public void AFileWithoutASubsampleHasNoPreviewAndMultiScaleCodingRefusesTilesAndSixteenBits()
    {
        RasterImage image = RandomImage(8, 8, PixelFormat.Rgb, seed: 1);
        byte[] plain = Encode(image, ContextModel.Instance);
        Assert.False(PrnnDecoder.ReadHeader(plain).IsMultiScale);
        Assert.Equal(PrnnHeaderCodec.BoundedStreamsVersion, PrnnDecoder.ReadHeader(plain).Version);
        Assert.Contains("no preview", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.DecodePreview(plain, Catalog)).Message);
        Assert.Throws<PrnnFormatException>(() => PrnnEncoder.Encode(image, new PrnnEncodeOptions(Model, TileSize: 4), Stream.Null));
        var wide = new RasterImage(4, 4, PixelFormat.Rgb, 16);
        Assert.Throws<PrnnFormatException>(() => PrnnEncoder.Encode(wide, new PrnnEncodeOptions(Model), Stream.Null));
    }

    [Fact]
    public void ACorruptSubsampleIsCaughtByItsOwnChecksumAndAMissingModelIsNamed()
    {
        RasterImage image = RandomImage(9, 7, PixelFormat.Rgb, seed: 4);
        byte[] file = Encode(image, Model);
        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        int payloadStart = file.Length - (int)header.PayloadLength;
        file[payloadStart + header.SegmentLengths[0] / 2] ^= 0x10;
        Assert.Throws<PrnnFormatException>(() => PrnnDecoder.DecodePreview(file, Catalog));
        Assert.Throws<PrnnFormatException>(() => PrnnDecoder.Decode(file, Catalog));
        Assert.Contains("not loaded", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.DecodePreview(Encode(image, Model), new ModelCatalog())).Message);
    }

    [Fact]
    public void AMultiScaleModelCodesNoPlaneByItselfAndNeedsAConditionalSecondPart()
    {
        Assert.Throws<NotSupportedException>(() => Model.BeginDecoding(new PlaneShape(2, 2, 3)));
        Assert.Throws<ArgumentException>(() => new MultiScaleModel(ContextModel.Instance, ContextModel.Instance));
        Assert.Throws<ArgumentException>(() => new MultiScaleModel(Model, Conditional));
        Assert.NotEqual(Model.Identity, new MultiScaleModel(ContextModel.Instance, Conditional).Identity);
    }

    private static byte[] Encode(RasterImage image, IProbabilityModel model)
    {
        using var stream = new MemoryStream();
        PrnnEncoder.Encode(image, new PrnnEncodeOptions(model), stream);
        return stream.ToArray();
    }

    private static byte[] ColourPlane(RasterImage image) =>
        [.. Enumerable.Range(0, image.Width * image.Height).SelectMany(p => image.Pixels.AsSpan(p * image.Channels, 3).ToArray())];

    private static RasterImage RandomImage(int width, int height, PixelFormat format, int seed)
    {
        var image = new RasterImage(width, height, format);
        new Random(seed).NextBytes(image.Pixels);
        return image;
    }
}
