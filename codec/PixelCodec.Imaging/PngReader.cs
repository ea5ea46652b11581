using System.Buffers.Binary;
using System.IO.Compression;

namespace PixelCodec.Imaging;

/// <summary>
/// Reads PNG files: every colour type and bit depth (16-bit images stay 16-bit), the five filters,
/// Adam7 interlacing, tRNS, split IDAT; ancillary chunks are skipped, every CRC is checked: a
/// critical chunk with a bad CRC is an error, an ancillary one is skipped with a warning, as libpng does.
/// </summary>
public static class PngReader
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads a whole PNG file.</summary>
    /// <exception cref="ImageFormatException">The file is not a PNG, is damaged in a critical chunk, or is larger than <see cref="RasterImage.MaxPixels"/>.</exception>
    public static RasterImage Read(ReadOnlySpan<byte> file) => Read(file, out _);

    /// <summary>Reads a whole PNG file and says what was wrong but could be read past.</summary>
    /// <param name="file">The whole PNG file.</param>
    /// <param name="warnings">What was wrong but did not stop the image from being read (an ancillary chunk with a bad CRC, skipped), one line each.</param>
    public static RasterImage Read(ReadOnlySpan<byte> file, out IReadOnlyList<string> warnings)
    {
        var found = new List<string>();
        warnings = found;
        if (!file.StartsWith(Signature))
            throw new ImageFormatException("not a PNG file (no PNG signature)");

        PngHeader? header = null;
        byte[]? palette = null, transparency = null;
        using var compressed = new MemoryStream();
        int offset = Signature.Length;
        while (true)
        {
            if (file.Length - offset < 12)
                throw new ImageFormatException("PNG file is truncated (no IEND chunk)");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[offset..]);
            if (length > int.MaxValue || length > file.Length - offset - 12)
                throw new ImageFormatException("PNG file is truncated or has a corrupt chunk length");
            ReadOnlySpan<byte> type = file.Slice(offset + 4, 4);
            ReadOnlySpan<byte> data = file.Slice(offset + 8, (int)length);
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file[(offset + 8 + (int)length)..]);
            string name = ChunkName(type);
            offset += 12 + (int)length;
            if (Crc32.Compute(file.Slice(offset - 8 - (int)length, 4 + (int)length)) != storedCrc)
            {
                if (IsCritical(type))
                    throw new ImageFormatException($"PNG chunk {name} is corrupt (CRC mismatch)");
                found.Add($"PNG chunk {name} is corrupt (CRC mismatch) and was skipped");
                continue;
            }

            if (header is null && name != "IHDR")
                throw new ImageFormatException("PNG file does not start with its header chunk (IHDR)");
            switch (name)
            {
                case "IHDR":
                    if (header is not null)
                        throw new ImageFormatException("PNG file has two header chunks (IHDR)");
                    header = PngHeader.Parse(data);
                    break;
                case "PLTE":
                    if (data.Length == 0 || data.Length % 3 != 0 || data.Length > 256 * 3)
                        throw new ImageFormatException("PNG palette (PLTE) has an invalid length");
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    transparency = data.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    return Decode(header!, palette, transparency, compressed);
                default:
                    if (IsCritical(type))
                        throw new ImageFormatException($"PNG has an unknown critical chunk '{name}'");
                    break;
            }
        }
    }

    private static RasterImage Decode(PngHeader header, byte[]? palette, byte[]? transparency, MemoryStream compressed)
    {
        var expander = new PngPixelExpander(header, palette, transparency);
        PngPass[] passes = PngPass.For(header);
        long rawLength = 0;
        foreach (PngPass pass in passes)
            if (!pass.IsEmpty)
                rawLength += pass.Height * (1 + header.RowBytes(pass.Width));
        if (rawLength > int.MaxValue)
            throw new ImageFormatException("PNG image is too large");

        byte[] raw = Inflate(compressed, (int)rawLength);
        var image = new RasterImage(header.Width, header.Height, expander.Format, expander.BitDepth);
        int position = 0;
        foreach (PngPass pass in passes)
        {
            if (pass.IsEmpty)
                continue;
            int rowBytes = (int)header.RowBytes(pass.Width);
            ReadOnlySpan<byte> above = new byte[rowBytes];
            for (int y = 0; y < pass.Height; y++)
            {
                Span<byte> row = raw.AsSpan(position + 1, rowBytes);
                PngFilters.Unfilter(raw[position], row, above, header.FilterStride);
                expander.ExpandRow(row, pass, image.Row(pass.YStart + y * pass.YStep));
                above = row;
                position += 1 + rowBytes;
            }
        }
        return image;
    }

    private static byte[] Inflate(MemoryStream compressed, int rawLength)
    {
        if (compressed.Length == 0)
            throw new ImageFormatException("PNG file has no image data (IDAT)");
        // Deflate expands at most 1032:1 (a 258-byte match coded in two bits), so a header that asks
        // for more is corrupt: refusing it here keeps a tiny file from allocating gigabytes.
        if (rawLength > compressed.Length * 1032 + 1024)
            throw new ImageFormatException($"PNG image data is truncated ({compressed.Length} compressed bytes cannot hold {rawLength})");
        var raw = new byte[rawLength];
        compressed.Position = 0;
        try
        {
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            int read = inflater.ReadAtLeast(raw, rawLength, throwOnEndOfStream: false);
            if (read < rawLength)
                throw new ImageFormatException($"PNG image data is truncated ({read} of {rawLength} bytes)");
            // Reading on to the end of the stream also checks zlib's Adler-32 of the data.
            if (inflater.Read(stackalloc byte[1]) != 0)
                throw new ImageFormatException($"PNG image data is longer than the {rawLength} bytes its header implies");
        }
        // zlib reports some damage as InvalidDataException, some as ZLibException (an IOException),
        // for example a bad window size in the stream's header (found by fuzzing).
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ImageFormatException("PNG image data is corrupt (invalid zlib stream)");
        }
        return raw;
    }

    private static bool IsCritical(ReadOnlySpan<byte> type) => (type[0] & 0x20) == 0;

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++)
            chars[i] = type[i] is >= 0x20 and < 0x7F ? (char)type[i] : '?';
        return new string(chars);
    }
}
