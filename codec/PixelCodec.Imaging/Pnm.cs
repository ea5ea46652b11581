using System.Text;

namespace PixelCodec.Imaging;

/// <summary>Binary PNM: P5 (grey) and P6 (RGB) with maxval 255 (8-bit) or 65535 (16-bit, high byte first); header comments are allowed.</summary>
public static class Pnm
{
    /// <summary>Whether the bytes start like a PNM file (P1 to P7; only P5 and P6 are read).</summary>
    public static bool HasSignature(ReadOnlySpan<byte> file) =>
        file.Length >= 2 && file[0] == (byte)'P' && file[1] is (byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'6' or (byte)'7';

    /// <summary>Reads a whole P5 or P6 file.</summary>
    /// <exception cref="ImageFormatException">Another PNM kind, a damaged or truncated file, or one larger than <see cref="RasterImage.MaxPixels"/>.</exception>
    public static RasterImage Read(ReadOnlySpan<byte> file)
    {
        if (!HasSignature(file))
            throw new ImageFormatException("not a PNM file");
        PixelFormat format = file[1] switch
        {
            (byte)'5' => PixelFormat.Grey,
            (byte)'6' => PixelFormat.Rgb,
            _ => throw new ImageFormatException($"PNM type P{(char)file[1]} is not supported (only binary P5 and P6)"),
        };
        int position = 2;
        int width = ReadNumber(file, ref position);
        int height = ReadNumber(file, ref position);
        int maxValue = ReadNumber(file, ref position);
        int bitDepth = maxValue switch
        {
            255 => 8,
            65535 => 16,
            _ => throw new ImageFormatException($"PNM maxval {maxValue} is not supported (only 255 and 65535)"),
        };
        if (position >= file.Length || !IsWhitespace(file[position]))
            throw new ImageFormatException("PNM header is malformed");
        position++;

        int size = RasterImage.CheckedSize(width, height, format, bitDepth);
        if (file.Length - position < size)
            throw new ImageFormatException($"PNM image data is truncated ({file.Length - position} of {size} bytes)");
        return new RasterImage(width, height, format, file.Slice(position, size).ToArray(), bitDepth);
    }

    /// <summary>Writes <paramref name="image"/> as P5 (grey) or P6 (RGB).</summary>
    /// <exception cref="ImageFormatException">The image has alpha, which PNM cannot hold.</exception>
    public static void Write(RasterImage image, Stream output)
    {
        char type = image.Format switch
        {
            PixelFormat.Grey => '5',
            PixelFormat.Rgb => '6',
            _ => throw new ImageFormatException($"PNM cannot hold a {image.Format} image (alpha): write PNG instead"),
        };
        output.Write(Encoding.ASCII.GetBytes($"P{type}\n{image.Width} {image.Height}\n{(1 << image.BitDepth) - 1}\n"));
        output.Write(image.Pixels);
    }

    // A decimal number after whitespace and '#' comments (which run to the end of the line).
    private static int ReadNumber(ReadOnlySpan<byte> file, ref int position)
    {
        while (position < file.Length && (IsWhitespace(file[position]) || file[position] == '#'))
        {
            if (file[position] == '#')
                while (position < file.Length && file[position] != '\n' && file[position] != '\r')
                    position++;
            else
                position++;
        }
        long value = 0;
        int start = position;
        while (position < file.Length && file[position] is >= (byte)'0' and <= (byte)'9' && value <= int.MaxValue)
            value = value * 10 + (file[position++] - '0');
        if (position == start)
            throw new ImageFormatException(position >= file.Length ? "PNM header is truncated" : "PNM header is malformed");
        if (value > int.MaxValue)
            throw new ImageFormatException("PNM header holds a number too large");
        return (int)value;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
