using System.Security.Cryptography;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Container;

/// <summary>
/// Pins the bytes of .prnn files. If one of these changes, the format or a model changed: bump
/// the format version or the model's versioned name on purpose, then update the hash.
/// </summary>
public class PrnnGoldenTests
{
    [Theory]
    [InlineData(PixelFormat.Rgb, 0, "2f1812db3c7f4afa300f19f24fd0027133c4d259205671bd30358c56f88dddf7")]
    // Alpha planes are coded with the weighted-predictor model since it exists (the file names the model of each plane).
    [InlineData(PixelFormat.GreyAlpha, 8, "e60beb58e4b8f9fe0fb0fa56bb9775d84da4f0b5a815ef487edbd19a5401c2b4")]
    public void SyntheticImageBytesArePinned(PixelFormat format, int tileSize, string expectedSha256)
    {
        byte[] file = PrnnTestCodec.Encode(SyntheticImages.Photo(37, 29, format), tileSize);
        string actual = Convert.ToHexStringLower(SHA256.HashData(file));
        Assert.True(expectedSha256 == actual, $"pinned {expectedSha256}, got {actual}");
    }
}
