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
    [InlineData(PixelFormat.Rgb, 0, "5df50a73ac51636fa19a2c08e266ebdffdbcee28e7bedd0181c889f6441c0ac9")]
    // Alpha planes are coded with the weighted-predictor model since it exists (the file names the model of each plane).
    [InlineData(PixelFormat.GreyAlpha, 8, "32018c0a0f602061ae6696cec71e722661ec2e9f9763d4bdb49c7db73ddee668")]
    public void SyntheticImageBytesArePinned(PixelFormat format, int tileSize, string expectedSha256)
    {
        byte[] file = PrnnTestCodec.Encode(SyntheticImages.Photo(37, 29, format), tileSize);
        string actual = Convert.ToHexStringLower(SHA256.HashData(file));
        Assert.True(expectedSha256 == actual, $"pinned {expectedSha256}, got {actual}");
    }
}
