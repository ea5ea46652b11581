using PixelCodec.Imaging;
using PixelCodec.Training.Data;

namespace PixelCodec.Training.Tests;

public class EvaluationSetTests
{
    [Fact]
    public void AFolderOfMixedSizesBecomesOneGroupPerSizeWithoutItsGreyImages()
    {
        using var data = new TestData();
        string folder = data.PngFolder("photos", 2, size: 4);
        File.WriteAllBytes(Path.Combine(folder, "large.png"), PngWriter.Encode(TestData.Image(6, 7)));
        File.WriteAllBytes(Path.Combine(folder, "grey.png"), PngWriter.Encode(TestData.Image(5, 8, PixelFormat.Grey)));

        EvaluationSet set = EvaluationSet.Open(folder, "valid_32x32", limit: 0);

        Assert.Equal(1, set.GreySkipped);
        Assert.Equal(3, set.Count);
        Assert.Equal(new[] { (4, 4, 2), (6, 6, 1) }, set.Groups.Select(g => (g.Width, g.Height, g.Count)).Order());
        Assert.Equal(2 * 4 * 4 * 3 + 6 * 6 * 3, set.Subpixels);
        // The mean over every sub-pixel: each group weighs by its sub-pixels, not by its images.
        double mean = set.BitsPerSubpixel(g => g.Width == 4 ? 2.0 : 5.0);
        Assert.Equal((2.0 * 96 + 5.0 * 108) / 204, mean, 12);
    }

    [Fact]
    public void AFolderOfOneSizeIsOneGroupAndTheLimitKeepsTheFirstImages()
    {
        using var data = new TestData();
        EvaluationSet set = EvaluationSet.Open(data.PngFolder("valid", 5, size: 3), "valid_32x32", limit: 2);
        Assert.Equal(2, set.Count);
        Assert.Single(set.Groups);
    }

    [Fact]
    public void AFolderOfGreyImagesOnlyIsAClearError()
    {
        using var data = new TestData();
        string folder = data.PngFolder("grey", 2, size: 3, format: PixelFormat.Grey);
        Assert.Contains("holds no colour images", Assert.Throws<TrainingException>(() => EvaluationSet.Open(folder, "valid_32x32", limit: 0)).Message);
    }
}
