using System.Text;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Imaging;

public class PnmTests
{
    private static byte[] Write(RasterImage image)
    {
        using var stream = new MemoryStream();
        Pnm.Write(image, stream);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(PixelFormat.Grey, "P5")]
    [InlineData(PixelFormat.Rgb, "P6")]
    public void RoundTrips(PixelFormat format, string magic)
    {
        RasterImage image = SyntheticImages.Photo(11, 3, format);
        byte[] file = Write(image);
        Assert.StartsWith(magic, Encoding.ASCII.GetString(file, 0, 2));
        Assert.True(image.PixelsEqual(ImageFile.Read(file)));
    }

    [Fact]
    public void HeaderCommentsAndWhitespaceAreAllowed()
    {
        byte[] file = [.. "P6 # a comment\n# another\n 2\t1\r\n255\n"u8, 1, 2, 3, 4, 5, 6];
        RasterImage image = Pnm.Read(file);
        Assert.Equal((2, 1, PixelFormat.Rgb), (image.Width, image.Height, image.Format));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, image.Pixels);
    }

    [Theory]
    [InlineData("P6\n2 1\n1023\n", "maxval 1023 is not supported (only 255 and 65535)")]
    [InlineData("P5\n2 1\n65535\n\x01\x02\x03", "truncated (3 of 4 bytes)")]
    [InlineData("P3\n2 1\n255\n", "P3 is not supported")]
    [InlineData("P6\n2 1\n255\n\x01\x02", "truncated")]
    [InlineData("P6\n2", "truncated")]
    [InlineData("P5\nx 1\n255\n", "malformed")]
    [InlineData("P5\n0 1\n255\n", "not positive")]
    [InlineData("P5\n99999999999 1\n255\n", "too large")]
    public void BadFilesAreRefusedClearly(string file, string expected)
    {
        Assert.Contains(expected, Assert.Throws<ImageFormatException>(() => Pnm.Read(Encoding.Latin1.GetBytes(file))).Message);
    }

    [Fact]
    public void AlphaCannotBeWritten()
    {
        Assert.Contains("write PNG", Assert.Throws<ImageFormatException>(() => Write(SyntheticImages.Photo(2, 2, PixelFormat.Rgba))).Message);
    }
}
