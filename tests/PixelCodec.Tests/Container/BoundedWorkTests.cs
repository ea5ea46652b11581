using PixelCodec.Container;
using PixelCodec.Entropy;
using PixelCodec.Imaging;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Container;

/// <summary>
/// A hostile file costs work in proportion to its size: a header claiming more sub-pixels than its
/// segments can hold is refused before anything is allocated, and a segment that runs out stops its
/// decoding at once (format version 2; docs/limits.md).
/// </summary>
public class BoundedWorkTests
{
    private static byte[] File(int width, int height, byte[] payload, int version = PrnnHeaderCodec.CurrentVersion)
    {
        var header = new PrnnHeader(version, PixelFormat.Rgb, width, height, 0, 0,
            [new PlaneEntry(3, ContextModel.Instance.Identity.Id.ToArray())], [payload.Length], new byte[PrnnHeaderCodec.ChecksumLength]);
        return [.. PrnnHeaderCodec.Write(header), .. payload];
    }

    private static byte[] Garbage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void AFileClaimingMoreSubpixelsThanItsBytesCanHoldIsRefusedFromItsHeader()
    {
        // The 120-byte file seen from outside claimed 100000x1 pixels behind 89 bytes of payload: wider
        // than a file may be, now; at 50000x2 the segment is too short for what it claims.
        Assert.Contains("image size 100000x1 is out of range", Assert.Throws<PrnnFormatException>(() => PrnnTestCodec.Decode(File(100_000, 1, Garbage(89, 1)))).Message);
        byte[] file = File(50_000, 2, Garbage(89, 1));
        Assert.Equal(120, file.Length);
        string message = Assert.Throws<PrnnFormatException>(() => PrnnTestCodec.Decode(file)).Message;
        Assert.Contains("too few for the 300000 sub-pixels it must hold", message);
        Assert.Throws<PrnnFormatException>(() => PrnnDecoder.ReadHeader(file));

        // At the bound exactly the header is accepted (and the garbage then fails on its own).
        int width = (int)(RangeEncoder.MaxSymbols(100) / 3);
        Assert.Null(Record.Exception(() => PrnnDecoder.ReadHeader(File(width, 1, Garbage(100, 1)))));
        Assert.Throws<PrnnFormatException>(() => PrnnDecoder.ReadHeader(File(width + 1, 1, Garbage(100, 1))));
    }

    [Fact]
    public void ImagesWiderThanAFileMayHoldAreRefusedAtEncoding()
    {
        var image = new RasterImage(PrnnHeaderCodec.MaxSide + 1, 1, PixelFormat.Grey);
        string message = Assert.Throws<PrnnFormatException>(() => PrnnTestCodec.Encode(image)).Message;
        Assert.Contains($"at most {PrnnHeaderCodec.MaxSide} pixels a side", message);
        var widest = new RasterImage(PrnnHeaderCodec.MaxSide, 1, PixelFormat.Grey);
        Assert.True(widest.PixelsEqual(PrnnTestCodec.Decode(PrnnTestCodec.Encode(widest))));
    }

    [Fact]
    public void ATiledHeaderCannotAllocateMoreSegmentsThanItHasBytes()
    {
        // 1x1 tiles of a 1024x512 RGBA image: a million segments, from a header cut off after its model ids.
        var header = new PrnnHeader(PrnnHeaderCodec.CurrentVersion, PixelFormat.Rgba, 1024, 512, 1, 1,
            [new PlaneEntry(3, ContextModel.Instance.Identity.Id.ToArray()), new PlaneEntry(1, ContextModel.Instance.Identity.Id.ToArray())],
            new int[2 * 1024 * 512], new byte[PrnnHeaderCodec.ChecksumLength]);
        byte[] cut = PrnnHeaderCodec.Write(header)[..30];
        Assert.Contains("truncated", Assert.Throws<PrnnFormatException>(() => PrnnDecoder.ReadHeader(cut)).Message);
    }

    [Fact]
    public void ASegmentThatRunsOutStopsItsDecodingEarly()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            byte[] file = File(4000, 3, Garbage(100, seed));
            string message = Assert.Throws<PrnnFormatException>(() => PrnnTestCodec.Decode(file, threads: 2)).Message;
            var match = System.Text.RegularExpressions.Regex.Match(message, @"ran out after (\d+) of its 36000 sub-pixels");
            Assert.True(match.Success, message);
            // Garbage under an adaptive model costs bits: the 105 bytes it may read last a few hundred sub-pixels, not 36,000.
            Assert.InRange(int.Parse(match.Groups[1].Value), 0, 3600);
        }
    }

    [Fact]
    public void DenseVersionOneFilesDecodeOnlyWhenAskedTo()
    {
        // A version 1 stream may have dropped any number of trailing zeros: a constant image's whole
        // stream can be empty, and so can a hostile file's that claims any size. Such files are refused
        // before any work unless the caller allows them; then the constant image decodes exactly.
        var image = SyntheticImages.Constant(300, 200, PixelFormat.Rgb, 0);
        byte[] file = PrnnTestCodec.Encode(image);
        byte[] versionOne = PrnnTestCodec.AsVersionOne(file);
        Assert.True(300 * 200 * 3 > RangeEncoder.MaxSymbols(PrnnDecoder.ReadHeader(versionOne).SegmentLengths[0]), "the test needs a dense file");

        string message = Assert.Throws<PrnnFormatException>(() => PrnnTestCodec.Decode(versionOne)).Message;
        Assert.Contains("--allow-dense-v1", message);
        Assert.Contains($"claims {300 * 200 * 3} sub-pixels", message);
        Assert.True(image.PixelsEqual(PrnnDecoder.Decode(versionOne, new ModelCatalog(), allowDenseVersion1: true)));
        Assert.True(image.PixelsEqual(PrnnTestCodec.Decode(file)));
    }

    [Fact]
    public void VersionOneFilesOfOrdinaryDensityDecodeWithoutBeingAsked()
    {
        var image = SyntheticImages.Photo(40, 30, PixelFormat.Rgb);
        Assert.True(image.PixelsEqual(PrnnTestCodec.Decode(PrnnTestCodec.AsVersionOne(PrnnTestCodec.Encode(image)))));
    }

    [Fact]
    public void TheHostileVersionOneFileThatFuzzingFoundIsRefusedBeforeAnyWork()
    {
        // 30 bytes claiming a 10324x82 grey image behind an empty segment: decoded, it kept the
        // weighted model busy for 5 s before its checksum failed.
        byte[] file = System.IO.File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "fuzz", "regressions", "prnn-neural", "dense-version-1-0.prnn"));
        Assert.Equal(30, file.Length);
        Assert.Contains("claims 846568 sub-pixels in a segment of 0 bytes", Assert.Throws<PrnnFormatException>(() => PrnnTestCodec.Decode(file)).Message);
    }
}
