using System.Security.Cryptography;
using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Mixing;
using PixelCodec.Modeling.Weighted;
using PixelCodec.Tests.Engine;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Container;

/// <summary>
/// Files whose colour plane is coded in a wavefront (format version 5): written where the colour model
/// prefers one, decoded exactly whole and tiled on any thread count, and refused with one line where
/// the header's order is out of range or its model cannot code in it.
/// </summary>
public class WavefrontFileTests
{
    private static readonly NeuralModel RowLstm = new("random-rowlstm", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.RowLstm, 6, 2, 9, seed: 21)));
    private static readonly NeuralModel Diagonal = new("random-diagonal", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.DiagonalBiLstm, 6, 2, 9, seed: 22)));
    private static readonly IProbabilityModel Blend = MixtureModel.Of(RowLstm, WeightedPredictorModel.Instance);
    private static readonly ModelCatalog Catalog = new(Blend, RowLstm, Diagonal);

    public static TheoryData<PixelFormat, int, int, int> Images() => new()
    {
        { PixelFormat.Rgb, 1, 1, 0 }, { PixelFormat.Rgb, 3, 21, 0 }, { PixelFormat.Rgb, 23, 18, 0 }, { PixelFormat.Rgba, 21, 13, 0 },
        { PixelFormat.Rgb, 23, 18, 8 }, { PixelFormat.Rgba, 21, 13, 5 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void AWavefrontFileDecodesExactlyOnAnyThreadCount(PixelFormat format, int width, int height, int tileSize)
    {
        RasterImage image = SyntheticImages.Photo(width, height, format);
        byte[] file = Encode(image, Blend, tileSize);
        Assert.Equal(file, Encode(image, Blend, tileSize, threads: 2));

        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        Assert.Equal(PrnnHeaderCodec.WavefrontVersion, header.Version);
        Assert.Equal(CodingOrder.Wavefront(NeuralModel.WavefrontBand, 4), header.ColourOrder);
        Assert.Equal(CodingOrder.Raster, header.OrderOf(1));
        foreach (int threads in new[] { 1, 2 })
            Assert.True(PrnnDecoder.Decode(file, Catalog, threads).PixelsEqual(image));
    }

    [Fact]
    public void RasterModelsKeepTheirFormatVersion()
    {
        RasterImage image = SyntheticImages.Photo(9, 7, PixelFormat.Rgb);
        foreach (IProbabilityModel model in new IProbabilityModel[] { Diagonal, WeightedPredictorModel.Instance })
        {
            PrnnHeader header = PrnnDecoder.ReadHeader(Encode(image, model, 0));
            Assert.Equal(PrnnHeaderCodec.BoundedStreamsVersion, header.Version);
            Assert.Null(header.ColourOrder);
        }
    }

    [Fact]
    public void AWavefrontBeyondTheLimitIsCodedInRasterOrder()
    {
        // A band of 16 rows of this width would hold more pixels than a decoder keeps.
        RasterImage image = SyntheticImages.Photo(CodingOrder.MaxBandPixels / NeuralModel.WavefrontBand + 1, 2, PixelFormat.Rgb);
        PrnnHeader header = PrnnDecoder.ReadHeader(Encode(image, RowLstm, 0));
        Assert.Null(header.ColourOrder);
        Assert.Equal(PrnnHeaderCodec.BoundedStreamsVersion, header.Version);
    }

    [Fact]
    public void AnOrderTheColourModelCannotCodeIsRefused()
    {
        byte[] file = Encode(SyntheticImages.Photo(9, 7, PixelFormat.Rgb), Diagonal, 0);
        byte[] claimed = Rewritten(file, h => h with { Version = PrnnHeaderCodec.WavefrontVersion, ColourOrder = CodingOrder.Wavefront(16, 4) });
        string error = Assert.Throws<PrnnFormatException>(() => PrnnDecoder.Decode(claimed, Catalog)).Message;
        Assert.Contains("does not code in wavefront", error);
    }

    [Fact]
    public void AWavefrontFlagBeforeVersion5IsCorrupt()
    {
        byte[] file = Encode(SyntheticImages.Photo(9, 7, PixelFormat.Rgb), Blend, 0);
        byte[] older = WithCheck(file, bytes => bytes[4] = PrnnHeaderCodec.MultiScaleVersion);
        Assert.Contains("unknown pixel format", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.Decode(older, Catalog)).Message);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(65, 4)]
    [InlineData(16, 0)]
    [InlineData(16, 17)]
    public void ABandOrStaggerOutOfRangeIsCorrupt(int band, int stagger)
    {
        // 9x7 RGB, whole: the band and stagger are the two one-byte varints after width and height.
        byte[] file = Encode(SyntheticImages.Photo(9, 7, PixelFormat.Rgb), Blend, 0);
        byte[] corrupt = WithCheck(file, bytes => (bytes[8], bytes[9]) = ((byte)band, (byte)stagger));
        Assert.Contains("wavefront of", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.Decode(corrupt, Catalog)).Message);
    }

    [Fact]
    public void ATruncatedWavefrontFileIsCorruptOnTwoThreads()
    {
        // The helper thread of the colour plane's session must end with the decode that fails.
        // The colour segment cut to a third, its header saying so: the decoder runs out a third of the way through.
        byte[] file = Encode(SyntheticImages.Photo(40, 37, PixelFormat.Rgb), Blend, 0);
        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        int kept = header.SegmentLengths[0] / 3, payloadStart = file.Length - (int)header.PayloadLength;
        byte[] cut = [.. PrnnHeaderCodec.Write(header with { SegmentLengths = [kept] }), .. file.AsSpan(payloadStart, kept)];
        Assert.Contains("ran out", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.Decode(cut, Catalog, threads: 2)).Message);
    }

    [Fact]
    public void AWavefrontWiderThanADecoderKeepsIsCorrupt()
    {
        byte[] file = Encode(SyntheticImages.Photo(9, 7, PixelFormat.Rgb), Blend, 0);
        byte[] wide = Rewritten(file, h => h with { Width = CodingOrder.MaxBandPixels / 16 + 1 });
        Assert.Contains("more than a decoder keeps", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.Decode(wide, Catalog)).Message);
    }

    private static byte[] Encode(RasterImage image, IProbabilityModel model, int tileSize, int threads = 1)
    {
        using var stream = new MemoryStream();
        PrnnEncoder.Encode(image, new PrnnEncodeOptions(model, tileSize, threads), stream);
        return stream.ToArray();
    }

    private static byte[] Rewritten(byte[] file, Func<PrnnHeader, PrnnHeader> change)
    {
        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        return [.. PrnnHeaderCodec.Write(change(header)), .. file[^(int)header.PayloadLength..]];
    }

    // The file with its header bytes changed and its header check made to match (the check is the
    // first 4 bytes of the SHA-256 of the header before it), so that the field itself is what is refused.
    private static byte[] WithCheck(byte[] file, Action<byte[]> change)
    {
        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        int headerLength = file.Length - (int)header.PayloadLength;
        byte[] changed = (byte[])file.Clone();
        change(changed);
        SHA256.HashData(changed.AsSpan(0, headerLength - 4)).AsSpan(0, 4).CopyTo(changed.AsSpan(headerLength - 4));
        return changed;
    }
}
