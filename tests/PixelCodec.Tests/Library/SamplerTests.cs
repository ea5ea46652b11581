using System.Security.Cryptography;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Library;

/// <summary>
/// The library's sampler: pinned samples of every shipped PixelRNN (an engine or model change shows
/// here; a retrained model gets its new hash in the same commit), completion that keeps the top rows,
/// any model that codes the image's channels, and the documented exceptions.
/// </summary>
public class SamplerTests
{
    /// <summary>SHA-256 of the pixels of two 8x8 samples with seed 11, one after the other.</summary>
    private static readonly Dictionary<string, string> Pinned = new()
    {
        ["diagbilstm-h64"] = "1cc1d1047cbc56062fbd475310618f6a3c48d5634b9870ec20169972edab695e",
        ["pixelcnn-h64"] = "06fc44c100d8a3fe5da63cab0d5b216513ba57b201d0e0e882ccde69c7412609",
        ["rowlstm-h64"] = "e53499b2bc20b22d397d4c40a09aa2f134c9482642f7a1ba35fe88c55f261671",
        ["rowlstm-h64-photos"] = "7a861e8df860acb7156495ac9719f11ff5e2ab019c3770deab3b602c471b5d36",
    };

    private static string PixelHash(IEnumerable<RasterImage> images) => Convert.ToHexStringLower(SHA256.HashData([.. images.SelectMany(i => i.Pixels)]));

    [Fact]
    public void EveryShippedPixelRnnDrawsItsPinnedSamplesWhateverTheThreads()
    {
        Assert.Equal(Pinned.Keys.Order(), ShippedModels.Names);
        var changed = new List<string>();
        foreach ((string model, string pinned) in Pinned)
        {
            IReadOnlyList<RasterImage> one = Sampler.Sample(8, 8, 2, new SampleOptions { Model = model, Seed = 11 });
            string actual = PixelHash(one);
            if (actual != pinned)
                changed.Add($"{model}: pinned {pinned}, got {actual}");
            Assert.All(one, i => Assert.Equal((8, 8, PixelFormat.Rgb), (i.Width, i.Height, i.Format)));
            Assert.Equal(actual, PixelHash(Sampler.Sample(8, 8, 2, new SampleOptions { Model = model, Seed = 11, Threads = 2 })));
            Assert.NotEqual(actual, PixelHash(Sampler.Sample(8, 8, 2, new SampleOptions { Model = model, Seed = 12 })));
        }
        Assert.True(changed.Count == 0, string.Join("; ", changed));
    }

    [Fact]
    public void CompletionKeepsTheTopRowsExactly()
    {
        RasterImage hen = ImageFile.Read(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "corpus", "imagenet32-valid", "n01514859_hen.png")));
        const int kept = 26;
        IReadOnlyList<RasterImage> completions = Sampler.Complete(hen, kept, 2, new SampleOptions { Seed = 3, Threads = 2 });
        Assert.Equal(2, completions.Count);
        foreach (RasterImage completion in completions)
        {
            Assert.Equal((hen.Width, hen.Height, hen.Format), (completion.Width, completion.Height, completion.Format));
            Assert.Equal(hen.Pixels[..(kept * hen.Stride)], completion.Pixels[..(kept * hen.Stride)]);
            Assert.NotEqual(hen.Pixels[(kept * hen.Stride)..], completion.Pixels[(kept * hen.Stride)..]);
        }
        Assert.NotEqual(completions[0].Pixels, completions[1].Pixels);
        Assert.True(hen.PixelsEqual(Assert.Single(Sampler.Complete(hen, hen.Height, 1))));
    }

    [Fact]
    public void AnyModelThatCodesTheChannelsDraws()
    {
        foreach (string model in new[] { "baseline", "weighted", "default" })
            Assert.Equal(2, Sampler.Sample(4, 3, 2, new SampleOptions { Model = model, Seed = 1 }).Count);
        RasterImage grey = SyntheticImages.Photo(6, 5, PixelFormat.Grey);
        RasterImage completed = Assert.Single(Sampler.Complete(grey, 2, 1, new SampleOptions { Model = "weighted" }));
        Assert.Equal(grey.Pixels[..12], completed.Pixels[..12]);
        Assert.Contains("cannot code Grey images", Assert.Throws<UnknownModelException>(() => Sampler.Complete(grey, 2, 1)).Message);
    }

    [Fact]
    public void FailuresAreTheDocumentedExceptions()
    {
        Assert.Contains("unknown model 'nonsense'", Assert.Throws<UnknownModelException>(() => Sampler.Sample(4, 4, 1, new SampleOptions { Model = "nonsense" })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Sample(0, 4, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Sample(4, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Sample(4, 4, 1, new SampleOptions { Temperature = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Sample(4, 4, 1, new SampleOptions { Threads = 0 }));
        Assert.Throws<ImageFormatException>(() => Sampler.Sample(1 << 15, 1 << 14, 1));
        RasterImage image = SyntheticImages.Photo(4, 4, PixelFormat.Rgb);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Complete(image, 5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Complete(image, -1, 1));
        Assert.Contains("not 8-bit Rgba", Assert.Throws<ArgumentException>(() => Sampler.Complete(SyntheticImages.Photo(4, 4, PixelFormat.Rgba), 1, 1)).Message);
    }
}
