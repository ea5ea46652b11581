using CsCheck;
using PixelCodec.Container;
using PixelCodec.Fuzz;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Properties;

/// <summary>
/// Properties over generated inputs (CsCheck, which shrinks a failing case and prints its seed):
/// random images of random sizes and kinds round-trip with every model and tile size, and any byte
/// string, or any damage to a real file, given to a parser is accepted or refused as documented.
/// </summary>
public class CodecPropertyTests
{
    private static readonly ModelCatalog Catalog = ModelChoice.Catalog([]);

    /// <summary>Images up to <paramref name="maxSide"/> a side, of every kind, smooth, noisy or flat.</summary>
    private static Gen<RasterImage> Images(int maxSide) =>
        Gen.Select(Gen.Int[1, maxSide], Gen.Int[1, maxSide], Gen.Int[1, 4], Gen.Int[0, 2], Gen.UInt, (width, height, kind, style, seed) =>
        {
            var format = (PixelFormat)kind;
            return style switch
            {
                0 => SyntheticImages.Photo(width, height, format, seed),
                1 => SyntheticImages.Noise(width, height, format, seed),
                _ => SyntheticImages.Constant(width, height, format, (byte)seed),
            };
        });

    private static void AssertRoundTrips(RasterImage image, IProbabilityModel model, int tile)
    {
        using var file = new MemoryStream();
        PrnnEncoder.Encode(image, new PrnnEncodeOptions(model, tile), file);
        Assert.True(image.PixelsEqual(PrnnDecoder.Decode(file.ToArray(), Catalog)),
            $"{image.Width}x{image.Height} {image.Format}, {model.Identity.Name}, tile {tile}");
    }

    [Fact]
    public void RandomImagesRoundTripWithEveryClassicalModelAndTileSize()
    {
        IProbabilityModel[] models = [.. new[] { "baseline", "weighted", "weighted+baseline" }.Select(ModelChoice.Resolve)];
        Gen.Select(Images(40), Gen.Int[0, models.Length - 1], Gen.Int[0, 20])
            .Sample((image, model, tile) => AssertRoundTrips(image, models[model], tile), iter: 300);
    }

    [Fact]
    public void RandomImagesRoundTripWithEveryNeuralModelAndTileSize()
    {
        // Neural coding is slower: smaller images, fewer of them, but every shipped network and the default blend.
        IProbabilityModel[] models = [.. ShippedModels.Names.Append(ModelChoice.Default).Select(ModelChoice.Resolve)];
        Gen.Select(Images(12), Gen.Int[0, models.Length - 1], Gen.Int[0, 8])
            .Sample((image, model, tile) => AssertRoundTrips(image, models[model], tile), iter: 60);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("pnm")]
    [InlineData("prnn-header")]
    [InlineData("prnn-classical")]
    [InlineData("prnn-neural")]
    [InlineData("pxim")]
    public void AnyBytesAreAcceptedOrRefusedAsDocumented(string target)
    {
        string[] seeds = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "fuzz", "seeds", target));
        byte[][] real = [.. seeds.Select(File.ReadAllBytes)];
        // Random bytes, and real files damaged: bytes flipped, cut short, or with bytes inserted.
        Gen<byte[]> damaged = Gen.Select(Gen.Int[0, real.Length - 1], Gen.Int[0, 2], Gen.Int[1, 8], Gen.UInt, (which, how, count, seed) =>
        {
            var random = new Random((int)seed);
            var bytes = real[which].ToList();
            for (int i = 0; i < count && bytes.Count > 0; i++)
            {
                int at = random.Next(bytes.Count);
                if (how == 0)
                    bytes[at] = (byte)random.Next(256);
                else if (how == 1)
                    bytes.RemoveRange(at, bytes.Count - at);
                else
                    bytes.Insert(at, (byte)random.Next(256));
            }
            return bytes.ToArray();
        });
        Gen.OneOf(Gen.Byte.Array[0, 300], damaged).Sample(input =>
        {
            Assert.True(FuzzTargets.Survives(target, input, out Exception? finding), finding?.ToString());
        }, iter: 2000);
    }
}
