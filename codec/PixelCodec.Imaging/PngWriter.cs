using System.Buffers.Binary;
using System.IO.Compression;

namespace PixelCodec.Imaging;

/// <summary>
/// Writes 8-bit grey, grey+alpha, RGB and RGBA PNG files, as small as zlib's best level allows: it
/// filters the rows in several ways (an adaptive per-row choice and each filter throughout),
/// compresses each with two zlib strategies, and keeps the smallest.
/// </summary>
public static class PngWriter
{
    public static void Write(RasterImage image, Stream output)
    {
        output.Write(PngReader.Signature);
        WriteChunk(output, "IHDR"u8, Header(image));
        WriteChunk(output, "IDAT"u8, SmallestImageData(image));
        WriteChunk(output, "IEND"u8, []);
    }

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
        header[8] = 8;
        header[9] = image.Format switch
        {
            PixelFormat.Grey => PngHeader.Grey,
            PixelFormat.GreyAlpha => PngHeader.GreyAlpha,
            PixelFormat.Rgb => PngHeader.Rgb,
            _ => PngHeader.Rgba,
        };
        return header;
    }

    private static byte[] SmallestImageData(RasterImage image)
    {
        byte[]? best = null;
        foreach (byte[] filtered in PngFilterChoice.Candidates(image))
            foreach (ZLibCompressionStrategy strategy in (ReadOnlySpan<ZLibCompressionStrategy>)[ZLibCompressionStrategy.Default, ZLibCompressionStrategy.Filtered])
            {
                byte[] compressed = Deflate(filtered, strategy);
                if (best is null || compressed.Length < best.Length)
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
