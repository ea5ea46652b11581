using System.Security.Cryptography;
using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.LowByte;
using PixelCodec.Modeling.Mixing;
using PixelCodec.Modeling.Weighted;
using PixelCodec.Tests.Engine;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Container;

/// <summary>16-bit images: coded as high-byte planes (by the chosen model) and low-byte planes, in format version 3.</summary>
public class SixteenBitRoundTripTests
{
    public static TheoryData<string> EdgeCaseNames() => new(SyntheticImages.EdgeCases16().Select(c => c.Name));

    private static byte[] Encode(RasterImage image, IProbabilityModel model, int tileSize = 0, int threads = 1)
    {
        using var stream = new MemoryStream();
        PrnnEncoder.Encode(image, new PrnnEncodeOptions(model, tileSize, threads), stream);
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(EdgeCaseNames))]
    public void EveryKindRoundTripsWholeAndTiledWithTheClassicalModels(string name)
    {
        RasterImage image = SyntheticImages.EdgeCases16().Single(c => c.Name == name).Image;
        foreach (IProbabilityModel model in new IProbabilityModel[] { ContextModel.Instance, WeightedPredictorModel.Instance })
            foreach (int tile in new[] { 0, 1, 4 })
            {
                RasterImage decoded = PrnnDecoder.Decode(Encode(image, model, tile), new ModelCatalog());
                Assert.True(image.PixelsEqual(decoded), $"{name} with {model.Identity.Name}, tile {tile}, did not round-trip");
            }
    }

    [Theory]
    [InlineData(PixelFormat.Rgb)]
    [InlineData(PixelFormat.Rgba)]
    public void RoundTripsWithANeuralModelAndItsBlends(PixelFormat format)
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.PixelCnn, 4, 1, 8, seed: 3)));
        var catalog = new ModelCatalog(neural, new MixtureModel(neural, WeightedPredictorModel.Instance));
        RasterImage image = SyntheticImages.Photo16(11, 9, format);
        foreach (IProbabilityModel model in catalog.Models.Skip(2))
        {
            byte[] file = Encode(image, model, tileSize: 5, threads: 2);
            Assert.Equal(model.Identity.Id.ToArray(), PrnnDecoder.ReadHeader(file).Planes[0].ModelId);
            Assert.True(image.PixelsEqual(PrnnDecoder.Decode(file, catalog, threads: 3)), $"{model.Identity.Name} did not round-trip");
        }
    }

    [Fact]
    public void OutputBytesDoNotDependOnThreadCount()
    {
        RasterImage image = SyntheticImages.Photo16(30, 21, PixelFormat.Rgba);
        byte[] single = Encode(image, WeightedPredictorModel.Instance, tileSize: 8, threads: 1);
        Assert.Equal(single, Encode(image, WeightedPredictorModel.Instance, tileSize: 8, threads: 2));
        Assert.Equal(single, Encode(image, WeightedPredictorModel.Instance, tileSize: 8, threads: 5));
        Assert.True(image.PixelsEqual(PrnnDecoder.Decode(single, new ModelCatalog(), threads: 4)));
    }

    [Fact]
    public void SixteenBitFilesAreVersionThreeWithHighThenLowPlanesAndEightBitFilesStayVersionTwo()
    {
        PrnnHeader wide = PrnnDecoder.ReadHeader(Encode(SyntheticImages.Photo16(9, 4, PixelFormat.GreyAlpha), ContextModel.Instance, tileSize: 4));
        Assert.Equal((3, 16), (wide.Version, wide.BitDepth));
        Assert.Equal([1, 1, 1, 1], wide.Planes.Select(p => p.Channels));
        Assert.Equal(ContextModel.Instance.Identity.Id.ToArray(), wide.Planes[0].ModelId);
        Assert.Equal(PrnnEncodeOptions.OtherPlanesModel.Identity.Id.ToArray(), wide.Planes[1].ModelId);
        Assert.All(wide.Planes.Skip(2), p => Assert.Equal(LowByteModel.SharedIdentity.Id.ToArray(), p.ModelId));
        Assert.Equal(4 * 3, wide.SegmentLengths.Count);
        Assert.Equal(["colour high bytes", "alpha high bytes", "colour low bytes", "alpha low bytes"], Enumerable.Range(0, 4).Select(wide.PlaneName));

        PrnnHeader narrow = PrnnDecoder.ReadHeader(PrnnTestCodec.Encode(SyntheticImages.Photo(9, 4, PixelFormat.GreyAlpha)));
        Assert.Equal((2, 8), (narrow.Version, narrow.BitDepth));
    }

    [Fact]
    public void TheChecksumCoversTheLowBytes()
    {
        RasterImage image = SyntheticImages.Photo16(8, 8, PixelFormat.Rgb);
        byte[] file = Encode(image, ContextModel.Instance);
        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        Assert.Equal(PrnnHeaderCodec.PixelChecksum(image.Pixels), header.PixelChecksum);
        image.Pixels[1] ^= 1;
        Assert.NotEqual(PrnnHeaderCodec.PixelChecksum(image.Pixels), header.PixelChecksum);
    }

    [Fact]
    public void TheWideFlagInAVersionTwoFileIsCorrupt()
    {
        byte[] file = Encode(SyntheticImages.Photo16(4, 4, PixelFormat.Grey), ContextModel.Instance);
        file[4] = 2; // the pixel format is checked before the header check
        Assert.Contains("unknown pixel format 33", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.ReadHeader(file)).Message);
    }

    [Fact]
    public void LowByteSegmentsAreHeldToTheBoundBeforeAllocation()
    {
        // A 16-bit grey image whose low-byte segment claims more sub-pixels than its length can hold.
        int width = (int)PixelCodec.Entropy.RangeEncoder.MaxSymbols(10) + 1;
        var header = new PrnnHeader(3, PixelFormat.Grey, width, 1, 0, 0,
            [new PlaneEntry(1, ContextModel.Instance.Identity.Id.ToArray()), new PlaneEntry(1, LowByteModel.SharedIdentity.Id.ToArray())],
            [width, 10], new byte[PrnnHeaderCodec.ChecksumLength], BitDepth: 16);
        byte[] file = [.. PrnnHeaderCodec.Write(header), .. new byte[width + 10]];
        Assert.Contains($"segment 1 has 10 bytes, too few for the {width} sub-pixels", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.ReadHeader(file)).Message);
    }

    [Fact]
    public void ImagesScaledUpFromEightBitsCostLittleMoreThanTheirEightBitSelves()
    {
        RasterImage narrow = SyntheticImages.Photo(48, 32, PixelFormat.Rgb);
        int eightBit = PrnnTestCodec.Encode(narrow).Length;
        int sixteenBit = Encode(SyntheticImages.Widened(narrow), ContextModel.Instance).Length;
        // The low bytes repeat the high bytes; learning that costs a few hundred bytes, not 8 bits a sample (4,608 bytes).
        Assert.InRange(sixteenBit - eightBit, 1, 700);
    }

    [Fact]
    public void SixteenBitBytesArePinned()
    {
        byte[] file = Encode(SyntheticImages.Photo16(23, 17, PixelFormat.Rgba), ContextModel.Instance, tileSize: 12);
        string actual = Convert.ToHexStringLower(SHA256.HashData(file));
        // Pinned when version 3 was made: a change here changes what decoders of version 3 read.
        const string expected = "d305a723a6b5e6ba7cbc1070e1b49aafcc6445638f659682b986a864347952d7";
        Assert.True(expected == actual, $"pinned {expected}, got {actual}");
    }
}
