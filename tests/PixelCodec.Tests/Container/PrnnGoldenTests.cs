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
    [InlineData(PixelFormat.Rgb, 0, "7e7ba372bd70acff6f4925242440a7427872cfb1e633e9a2a646030b186964af")]
    [InlineData(PixelFormat.GreyAlpha, 8, "67a2b35c78440c0c24ad5507e319ec3272eb86df602847c20aee86b344b6a0e4")]
    public void SyntheticImageBytesArePinned(PixelFormat format, int tileSize, string expectedSha256)
    {
        byte[] file = PrnnTestCodec.Encode(SyntheticImages.Photo(37, 29, format), tileSize);
        string actual = Convert.ToHexStringLower(SHA256.HashData(file));
        Assert.True(expectedSha256 == actual, $"pinned {expectedSha256}, got {actual}");
    }
}
