using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Imaging;

/// <summary>Thousands of damaged PNG and PNM files: each decodes or fails with one clear ImageFormatException.</summary>
public class ImageMutationTests
{
    [Theory]
    [InlineData("rgb8-split-idat-ancillary.png")]
    [InlineData("palette4-trns.png")]
    [InlineData("grey2-33x17-adam7.png")]
    [InlineData("rgba8-13x11-adam7.png")]
    public void DamagedPngsNeverCrash(string name) => AssertMutationsAreSafe(File.ReadAllBytes(RepoPaths.Fixture(name)), 1500);

    [Fact]
    public void DamagedPnmsNeverCrash()
    {
        using var stream = new MemoryStream();
        Pnm.Write(SyntheticImages.Photo(9, 7, PixelFormat.Rgb), stream);
        AssertMutationsAreSafe(stream.ToArray(), 1500);
    }

    private static void AssertMutationsAreSafe(byte[] original, int count)
    {
        var random = new Random(original.Length);
        for (int i = 0; i < count; i++)
        {
            byte[] mutated = Mutations.Apply(original, random);
            try
            {
                ImageFile.Read(mutated);
            }
            catch (ImageFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }
    }
}
