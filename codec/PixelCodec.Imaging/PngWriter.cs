using System.Buffers.Binary;
using System.IO.Compression;

namespace PixelCodec.Imaging;

/// <summary>
/// Writes 8-bit and 16-bit grey, grey+alpha, RGB and RGBA PNG files, as small as zlib's best level allows: it
/// filters the rows in several ways (<see cref="PngFilterChoice"/>), compresses each, tries further
/// zlib strategies on the best, and keeps the smallest.
/// </summary>
public static class PngWriter
{
    /// <summary>Writes <paramref name="image"/> to <paramref name="output"/> as a PNG file.</summary>
    public static void Write(RasterImage image, Stream output)
    {
        output.Write(PngReader.Signature);
        WriteChunk(output, "IHDR"u8, Header(image));
        WriteChunk(output, "IDAT"u8, SmallestImageData(image));
        WriteChunk(output, "IEND"u8, []);
    }

    /// <summary>The bytes of <paramref name="image"/> as a PNG file.</summary>
    public static byte[] Encode(RasterImage image)
    {
        using var stream = new MemoryStream();
        Write(image, stream);
        return stream.ToArray();
    }

    private static byte[] Header(RasterImage image)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = (byte)image.BitDepth;
        header[9] = image.Format switch
        {
            PixelFormat.Grey => PngHeader.Grey,
            PixelFormat.GreyAlpha => PngHeader.GreyAlpha,
            PixelFormat.Rgb => PngHeader.Rgb,
            _ => PngHeader.Rgba,
        };
        return header;
    }

    // Every filtering with zlib's default strategy, then the other strategies on the best of those:
    // nearly as small as trying every pair, at a third of the work.
    private static byte[] SmallestImageData(RasterImage image)
    {
        int length = image.Height * (image.Stride + 1);
        byte[] filtered = new byte[length], bestFiltered = new byte[length];
        byte[]? best = null;
        for (int candidate = 0; candidate < PngFilterChoice.Count; candidate++)
        {
            PngFilterChoice.Filter(image, candidate, filtered);
            byte[] compressed = Deflate(filtered, ZLibCompressionStrategy.Default);
            if (best is null || compressed.Length < best.Length)
            {
                best = compressed;
                (filtered, bestFiltered) = (bestFiltered, filtered);
            }
        }
        foreach (ZLibCompressionStrategy strategy in (ReadOnlySpan<ZLibCompressionStrategy>)[ZLibCompressionStrategy.Filtered, ZLibCompressionStrategy.RunLengthEncoding, ZLibCompressionStrategy.HuffmanOnly])
        {
            byte[] compressed = Deflate(bestFiltered, strategy);
            if (compressed.Length < best!.Length)
                best = compressed;
        }
        return best!;
    }

    private static byte[] Deflate(byte[] data, ZLibCompressionStrategy strategy)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, new ZLibCompressionOptions { CompressionLevel = 9, CompressionStrategy = strategy }))
            zlib.Write(data);
        return buffer.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(data, Crc32.Compute(type)));
        output.Write(word);
    }
}
