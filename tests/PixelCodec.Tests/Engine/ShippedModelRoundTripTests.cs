using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Engine;

/// <summary>Every image of corpus/ round-trips exactly with the default model (the default PixelRNN blended with the baseline), whole and, for photos, also in tiles.</summary>
public class ShippedModelRoundTripTests
{
    public static TheoryData<string> CorpusFolders() => new("imagenet32-valid", "cifar10-test", "photos");

    [Theory]
    [MemberData(nameof(CorpusFolders))]
    public void EveryCorpusImageRoundTripsWithTheDefaultModel(string folder)
    {
        IProbabilityModel model = ModelChoice.Resolve(ModelChoice.Default);
        ModelCatalog catalog = ModelChoice.Catalog([]);
        string[] files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "corpus", folder), "*.png");
        Assert.NotEmpty(files);
        Parallel.ForEach(files, path =>
        {
            RasterImage image = ImageFile.Read(File.ReadAllBytes(path));
            int[] tiles = image.Width > 64 ? [0, 96] : [0];
            foreach (int tile in tiles)
            {
                using var file = new MemoryStream();
                PrnnEncodeResult result = PrnnEncoder.Encode(image, new PrnnEncodeOptions(model, tile), file);
                if (image.Format == PixelFormat.Rgb)
                    Assert.All(result.Header.Planes, p => Assert.True(p.ModelId.AsSpan().SequenceEqual(model.Identity.Id)));
                Assert.True(image.PixelsEqual(PrnnDecoder.Decode(file.ToArray(), catalog)), $"{path} (tile {tile}) did not round-trip");
            }
        });
    }

    [Fact]
    public void EveryShippedModelLoadsAndTheDefaultIsOneOfThem()
    {
        Assert.Contains(ShippedModels.DefaultName, ShippedModels.Names);
        foreach (string name in ShippedModels.Names)
        {
            NeuralModel model = ShippedModels.Find(name)!;
            Assert.Equal(name, model.Identity.Name);
            model.EnsureLoaded();
        }
    }
}
