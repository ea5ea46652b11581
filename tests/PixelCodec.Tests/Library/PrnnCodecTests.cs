using System.IO.Pipelines;
using PixelCodec.Container;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Library;

/// <summary>The library's front: every overload gives the same bytes and the same pixels back, and failures are the documented exceptions.</summary>
public class PrnnCodecTests
{
    private static readonly RasterImage Image = SyntheticImages.Photo(13, 11, PixelFormat.Rgba);
    private static readonly EncodeOptions Weighted = new() { Model = "weighted" };

    [Fact]
    public async Task BytesStreamsAndPipesGiveTheSameFileAndDecodeExactly()
    {
        byte[] bytes = PrnnCodec.Encode(Image, Weighted);
        using (var stream = new MemoryStream())
        {
            PrnnEncodeResult result = PrnnCodec.Encode(Image, stream, Weighted);
            Assert.Equal(bytes, stream.ToArray());
            Assert.Equal(bytes.Length, result.FileBytes);
        }

        var pipe = new Pipe();
        Task<RasterImage> decoding = PrnnCodec.DecodeAsync(pipe.Reader).AsTask();
        await PrnnCodec.EncodeAsync(Image, pipe.Writer, Weighted);
        await pipe.Writer.CompleteAsync();
        Assert.True(Image.PixelsEqual(await decoding));

        Assert.True(Image.PixelsEqual(PrnnCodec.Decode(bytes)));
        Assert.True(Image.PixelsEqual(PrnnCodec.Decode(new MemoryStream(bytes))));
        Assert.Equal("weighted", PrnnCodec.ModelName(PrnnCodec.ReadHeader(bytes).Planes[0].ModelId));
    }

    [Fact]
    public async Task APipeCarriesAFileLargerThanItsPauseThreshold()
    {
        RasterImage noise = SyntheticImages.Noise(200, 150, PixelFormat.Rgb);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 16 * 1024, resumeWriterThreshold: 8 * 1024));
        Task<RasterImage> decoding = PrnnCodec.DecodeAsync(pipe.Reader).AsTask();
        PrnnEncodeResult written = await PrnnCodec.EncodeAsync(noise, pipe.Writer, new EncodeOptions { Model = "baseline" });
        await pipe.Writer.CompleteAsync();
        Assert.True(written.FileBytes > 64 * 1024, $"{written.FileBytes} bytes");
        Assert.True(noise.PixelsEqual(await decoding));
    }

    [Fact]
    public void ThreadsNeverChangeTheBytes()
    {
        var tiled = new EncodeOptions { Model = "weighted+baseline", TileSize = 5 };
        byte[] one = PrnnCodec.Encode(Image, tiled);
        Assert.Equal(one, PrnnCodec.Encode(Image, tiled with { Threads = 3 }));
        Assert.True(Image.PixelsEqual(PrnnCodec.Decode(one, new DecodeOptions { Threads = 3 })));
    }

    [Fact]
    public async Task FailuresAreTheDocumentedExceptions()
    {
        Assert.Contains("unknown model 'nonsense'", Assert.Throws<UnknownModelException>(() => PrnnCodec.Encode(Image, new EncodeOptions { Model = "nonsense" })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrnnCodec.Encode(Image, new EncodeOptions { Effort = 3 }));
        byte[] bytes = PrnnCodec.Encode(Image, Weighted);
        Assert.Contains("truncated", Assert.Throws<PrnnFormatException>(() => PrnnCodec.Decode(bytes.AsMemory(0, bytes.Length - 1))).Message);
        Assert.Throws<ImageFormatException>(() => ImageFile.Read("not an image"u8.ToArray()));

        var cancelled = new Pipe();
        cancelled.Reader.CancelPendingRead();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PrnnCodec.DecodeAsync(cancelled.Reader).AsTask());
    }
}
