using System.Buffers.Binary;

namespace PixelCodec.Imaging;

/// <summary>
/// Turns unfiltered PNG samples (any legal depth, palette indices) into pixels of the output format,
/// applying the palette and tRNS transparency the way libpng's expansions do: depths up to 8 become
/// 8-bit pixels, 16-bit samples stay 16-bit (high byte first, as PNG stores them).
/// </summary>
internal sealed class PngPixelExpander
{
    private readonly PngHeader _header;
    private readonly byte[]? _palette;
    private readonly byte[]? _paletteAlpha;
    private readonly int[]? _transparentKey;
    private readonly int _greyScale;
    private readonly bool _samplesArePixels;

    public PngPixelExpander(PngHeader header, byte[]? palette, byte[]? transparency)
    {
        _header = header;
        _palette = palette;
        _greyScale = header.BitDepth <= 8 ? 255 / ((1 << header.BitDepth) - 1) : 1;
        BitDepth = header.BitDepth == 16 ? 16 : 8;
        if (header.ColourType == PngHeader.Palette)
        {
            if (palette is null)
                throw new ImageFormatException("PNG palette image has no palette (PLTE)");
            if (transparency is not null && transparency.Length > palette.Length / 3)
                throw new ImageFormatException("PNG transparency (tRNS) has more entries than the palette");
            _paletteAlpha = transparency;
        }
        else if (transparency is not null)
        {
            _transparentKey = ParseKey(header, transparency);
        }
        Format = header.ColourType switch
        {
            PngHeader.Grey => _transparentKey is null ? PixelFormat.Grey : PixelFormat.GreyAlpha,
            PngHeader.GreyAlpha => PixelFormat.GreyAlpha,
            PngHeader.Rgba => PixelFormat.Rgba,
            PngHeader.Palette => _paletteAlpha is null ? PixelFormat.Rgb : PixelFormat.Rgba,
            _ => _transparentKey is null ? PixelFormat.Rgb : PixelFormat.Rgba,
        };
        _samplesArePixels = header.BitDepth >= 8 && header.ColourType != PngHeader.Palette && _transparentKey is null;
    }

    public PixelFormat Format { get; }

    /// <summary>The output's bits per sample: 8, or 16 for a 16-bit PNG.</summary>
    public int BitDepth { get; }

    /// <summary>Writes the pixels of one unfiltered row of <paramref name="pass"/> into their places in an image row.</summary>
    public void ExpandRow(ReadOnlySpan<byte> row, PngPass pass, Span<byte> imageRow)
    {
        int pixelBytes = Format.Channels() * BitDepth / 8;
        if (pass.XStep == 1 && _samplesArePixels)
        {
            row.CopyTo(imageRow.Slice(pass.XStart * pixelBytes));
            return;
        }
        for (int x = 0; x < pass.Width; x++)
        {
            Span<byte> target = imageRow.Slice((pass.XStart + x * pass.XStep) * pixelBytes, pixelBytes);
            if (BitDepth == 16)
                ExpandWide(row, x, target);
            else
                Expand(row, x, target);
        }
    }

    // 16-bit grey or RGB: samples are copied, and a tRNS key adds alpha 0 or 65535.
    private void ExpandWide(ReadOnlySpan<byte> row, int x, Span<byte> target)
    {
        int sampleBytes = _header.SamplesPerPixel * 2;
        ReadOnlySpan<byte> samples = row.Slice(x * sampleBytes, sampleBytes);
        samples.CopyTo(target);
        if (_transparentKey is null)
            return;
        bool transparent = true;
        for (int i = 0; i < _transparentKey.Length; i++)
            transparent &= BinaryPrimitives.ReadUInt16BigEndian(samples[(2 * i)..]) == _transparentKey[i];
        target[sampleBytes..].Fill(transparent ? (byte)0 : (byte)0xFF);
    }

    private void Expand(ReadOnlySpan<byte> row, int x, Span<byte> target)
    {
        switch (_header.ColourType)
        {
            case PngHeader.Grey:
            {
                int sample = Sample(row, x);
                target[0] = (byte)(sample * _greyScale);
                if (_transparentKey is not null)
                    target[1] = sample == _transparentKey[0] ? (byte)0 : (byte)255;
                break;
            }
            case PngHeader.Palette:
            {
                int index = Sample(row, x);
                if (index * 3 >= _palette!.Length)
                    throw new ImageFormatException($"PNG pixel uses palette entry {index}, past the end of the palette");
                _palette.AsSpan(index * 3, 3).CopyTo(target);
                if (_paletteAlpha is not null)
                    target[3] = index < _paletteAlpha.Length ? _paletteAlpha[index] : (byte)255;
                break;
            }
            case PngHeader.Rgb:
            {
                ReadOnlySpan<byte> rgb = row.Slice(x * 3, 3);
                rgb.CopyTo(target);
                if (_transparentKey is not null)
                    target[3] = rgb[0] == _transparentKey[0] && rgb[1] == _transparentKey[1] && rgb[2] == _transparentKey[2] ? (byte)0 : (byte)255;
                break;
            }
            default:
                row.Slice(x * _header.SamplesPerPixel, _header.SamplesPerPixel).CopyTo(target);
                break;
        }
    }

    // A single-sample pixel at any depth: depths below 8 pack pixels from the most significant bit.
    private int Sample(ReadOnlySpan<byte> row, int x)
    {
        int depth = _header.BitDepth;
        if (depth == 8)
            return row[x];
        int bit = x * depth;
        return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private static int[] ParseKey(PngHeader header, byte[] transparency)
    {
        int samples = header.ColourType switch
        {
            PngHeader.Grey => 1,
            PngHeader.Rgb => 3,
            _ => throw new ImageFormatException("PNG transparency (tRNS) is not allowed for images with an alpha channel"),
        };
        if (transparency.Length != samples * 2)
            throw new ImageFormatException("PNG transparency (tRNS) chunk has the wrong length");
        var key = new int[samples];
        for (int i = 0; i < samples; i++)
            key[i] = BinaryPrimitives.ReadUInt16BigEndian(transparency.AsSpan(i * 2));
        return key;
    }
}
