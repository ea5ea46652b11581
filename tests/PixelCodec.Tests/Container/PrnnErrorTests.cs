using PixelCodec.Container;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Container;

public class PrnnErrorTests
{
    private static readonly RasterImage Image = SyntheticImages.Photo(21, 13, PixelFormat.Rgba);
    private static readonly byte[] File = PrnnTestCodec.Encode(Image, tileSize: 8);

    private static string DecodeError(byte[] file) =>
        Assert.Throws<PrnnFormatException>(() => PrnnTestCodec.Decode(file)).Message;

    [Fact]
    public void NotAPrnnFile() => Assert.Contains("not a .prnn file", DecodeError("\x89PNG\r\n\x1a\n...."u8.ToArray()));

    [Fact]
    public void EmptyFile() => Assert.Contains("not a .prnn file", DecodeError([]));

    [Fact]
    public void TruncatedAnywhere()
    {
        foreach (int length in new[] { 5, 9, 30, 45, File.Length - 1 })
            Assert.Contains("truncated", DecodeError(File[..length]));
    }

    [Fact]
    public void TrailingBytes() => Assert.Contains("after the payload", DecodeError([.. File, 0]));

    [Fact]
    public void NewerVersionAsksForAnUpgrade()
    {
        byte[] newer = (byte[])File.Clone();
        newer[4] = PrnnHeaderCodec.CurrentVersion + 1;
        Assert.Contains("upgrade PixelCodec", DecodeError(newer));
    }

    [Fact]
    public void CorruptHeaderFailsItsCheck()
    {
        byte[] corrupt = (byte[])File.Clone();
        corrupt[6] ^= 1;
        Assert.Contains("header check", DecodeError(corrupt));
    }

    [Fact]
    public void UnknownModelIsNamed()
    {
        PrnnHeader header = PrnnDecoder.ReadHeader(File);
        var foreignModel = Enumerable.Repeat((byte)0xAB, 8).ToArray();
        PrnnHeader rewritten = header with { Planes = [new PlaneEntry(3, foreignModel), header.Planes[1]] };
        byte[] headerBytes = PrnnHeaderCodec.Write(rewritten);
        byte[] payload = File[^(int)header.PayloadLength..];
        Assert.Contains("model abababababab, which is not loaded", DecodeError([.. headerBytes, .. payload]));
    }

    [Fact]
    public void CorruptPayloadFailsTheChecksum()
    {
        byte[] corrupt = (byte[])File.Clone();
        corrupt[^20] ^= 0x40;
        Assert.Contains("checksum", DecodeError(corrupt));
    }

    [Fact]
    public void ThousandsOfMutationsNeverCrashOrDecodeWrongPixels()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] mutated = Mutations.Apply(File, random);
            try
            {
                Assert.True(Image.PixelsEqual(PrnnTestCodec.Decode(mutated)), "a mutated file decoded to different pixels without an error");
            }
            catch (PrnnFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }
    }
}
