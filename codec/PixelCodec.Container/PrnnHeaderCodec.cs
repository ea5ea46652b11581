using System.Security.Cryptography;
using PixelCodec.Imaging;
using PixelCodec.Modeling;

namespace PixelCodec.Container;

/// <summary>
/// The bytes of a .prnn header. An encoder writes the lowest version that holds the image: version 2
/// for 8-bit images, version 3 for 16-bit ones (the only change: a flag in the pixel-format byte and
/// twice the planes, those of the samples' high bytes, then those of their low bytes), so 8-bit files
/// are what they were and a decoder that reads only version 2 asks for an upgrade. Version 2 kept
/// version 1's layout; what changed is the range coder's streams, which drop at most 4 trailing zero
/// bytes, so a decoder can tell when one is over-read, and a segment can be checked against the
/// sub-pixels it claims before anything is allocated. Version 4 adds multi-scale files (flag 0x40):
/// the colour plane's 2x2 subsample is coded first, in a segment of its own, so a decoder can show it
/// before the rest arrives; files without the flag are still written as version 2 or 3. Version 5
/// adds the wavefront order (flag 0x80; <see cref="CodingOrder"/>) of the colour plane, in which a
/// PixelRNN decodes the pixels of a step together; files coded in raster order are written as before.
/// Version 1 files still decode. Small on
/// purpose: a 32x32 image's payload is about
/// 2 KB, so every header byte costs 0.0026 bits per sub-pixel. Varints are unsigned LEB128.
/// <code>
/// 4        magic 89 50 52 4E ("\x89PRN"; the high bit catches 7-bit transfers)
/// 1        format version
/// 1        pixel format (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), plus 0x10 when coded in tiles,
///          plus 0x20 for 16-bit samples (version 3 and later),
///          plus 0x40 for a multi-scale file (version 4 and later; 8-bit RGB or RGBA, never tiled),
///          plus 0x80 when the colour plane is coded in a wavefront (version 5 and later; never multi-scale)
/// varint   width, height
/// varint   tile width, tile height                      (only when tiled)
/// varint   band rows (2-64), stagger (1-16)             (only in a wavefront; band x plane width &lt;= 2^17)
/// P x 8    model id of each plane: colour (grey or RGB), then alpha for formats that have it;
///          16-bit: those of the high bytes, then those of the low bytes (P doubles)
/// (1) +    varint payload length of the subsample's segment (multi-scale only), then of each
/// P x T    (plane, tile) segment, plane-major, tiles in raster order
/// 8        pixel checksum: the first 8 bytes of the SHA-256 of the decoded pixels, interleaved
///          (16-bit samples as two bytes, high byte first)
/// (8)      multi-scale only: the first 8 bytes of the SHA-256 of the subsample (RGB, interleaved)
/// 4        header check: the first 4 bytes of the SHA-256 of every header byte before it
/// </code>
/// The payload follows: the segments, each one range-coder stream, back to back.
/// </summary>
public static class PrnnHeaderCodec
{
    /// <summary>The newest version this release reads.</summary>
    public const int CurrentVersion = 5;

    /// <summary>The first version that codes a colour plane in a wavefront.</summary>
    public const int WavefrontVersion = 5;

    /// <summary>The first version that holds multi-scale files.</summary>
    public const int MultiScaleVersion = 4;

    /// <summary>The first version that holds 16-bit samples.</summary>
    public const int WideSamplesVersion = 3;

    /// <summary>The first version whose streams drop at most <see cref="Entropy.RangeEncoder.MaxDroppedZeros"/> trailing zeros.</summary>
    public const int BoundedStreamsVersion = 2;

    /// <summary>Bytes of the pixel checksum a header records.</summary>
    public const int ChecksumLength = 8;

    /// <summary>The four bytes every .prnn file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'P', (byte)'R', (byte)'N'];

    private const byte TiledFlag = 0x10;
    private const byte WideFlag = 0x20;
    private const byte MultiScaleFlag = 0x40;
    private const byte WavefrontFlag = 0x80;
    private const int CheckLength = 4;
    private const int MaxSegments = 1 << 20;

    /// <summary>
    /// Widest or tallest image a file holds. The neural decoder keeps a few rows of every layer's
    /// features, about 4 KB per column, so a side bounds its memory too (and a width of 2^16 keeps
    /// every row buffer far from int overflow).
    /// </summary>
    public const int MaxSide = 1 << 16;

    /// <summary>What a header records of the pixels: the first <see cref="ChecksumLength"/> bytes of their SHA-256.</summary>
    public static byte[] PixelChecksum(ReadOnlySpan<byte> pixels) => SHA256.HashData(pixels)[..ChecksumLength];

    /// <summary>The version an encoder writes: the lowest that holds samples of this depth, and a subsample if there is one.</summary>
    public static int VersionFor(int bitDepth, bool multiScale = false, bool wavefront = false) =>
        wavefront ? WavefrontVersion : multiScale ? MultiScaleVersion : bitDepth == 16 ? WideSamplesVersion : BoundedStreamsVersion;

    /// <summary>The bytes of <paramref name="header"/>, its check included.</summary>
    public static byte[] Write(PrnnHeader header)
    {
        bool tiled = header.TileWidth != 0;
        var bytes = new List<byte>(64);
        bytes.AddRange(Magic);
        bytes.Add((byte)header.Version);
        CodingOrder order = header.OrderOf(0);
        bytes.Add((byte)((int)header.Format | (tiled ? TiledFlag : 0) | (header.BitDepth == 16 ? WideFlag : 0) | (header.IsMultiScale ? MultiScaleFlag : 0) | (order.IsRaster ? 0 : WavefrontFlag)));
        Leb128.Write(bytes, header.Width);
        Leb128.Write(bytes, header.Height);
        if (tiled)
        {
            Leb128.Write(bytes, header.TileWidth);
            Leb128.Write(bytes, header.TileHeight);
        }
        if (!order.IsRaster)
        {
            Leb128.Write(bytes, order.Band);
            Leb128.Write(bytes, order.Stagger);
        }
        foreach (PlaneEntry plane in header.Planes)
            bytes.AddRange(plane.ModelId);
        foreach (int length in header.SegmentLengths)
            Leb128.Write(bytes, length);
        bytes.AddRange(header.PixelChecksum);
        if (header.SubsampleChecksum is { } subsample)
            bytes.AddRange(subsample);
        bytes.AddRange(HeaderCheck([.. bytes]));
        return bytes.ToArray();
    }

    /// <summary>Reads and checks a header; <paramref name="headerLength"/> is where the payload starts.</summary>
    public static PrnnHeader Read(ReadOnlySpan<byte> file, out int headerLength) => Read(file, out headerLength, verifyCheck: true);

    /// <param name="file">The file, from its first byte.</param>
    /// <param name="headerLength">Where the payload starts.</param>
    /// <param name="verifyCheck">False only for fuzzing, which repairs the check so that mutations reach the fields behind it.</param>
    internal static PrnnHeader Read(ReadOnlySpan<byte> file, out int headerLength, bool verifyCheck)
    {
        if (file.Length < Magic.Length || !file[..Magic.Length].SequenceEqual(Magic))
            throw new PrnnFormatException("not a .prnn file (no PixelCodec signature at the start)");
        if (file.Length < Magic.Length + 2)
            throw Truncated();

        int version = file[4];
        if (version > CurrentVersion)
            throw new PrnnFormatException($"the file uses format version {version}, newer than this PixelCodec reads ({CurrentVersion}): upgrade PixelCodec");
        if (version < 1)
            throw new PrnnFormatException($"the file uses unknown format version {version}");

        byte kind = file[5];
        byte flags = (byte)(TiledFlag | (version >= WideSamplesVersion ? WideFlag : 0) | (version >= MultiScaleVersion ? MultiScaleFlag : 0) | (version >= WavefrontVersion ? WavefrontFlag : 0));
        var format = (PixelFormat)(kind & ~flags);
        if (format is < PixelFormat.Grey or > PixelFormat.Rgba || (kind & ~(flags | 0x07)) != 0)
            throw new PrnnFormatException($"the file is corrupt: unknown pixel format {kind}");
        bool tiled = (kind & TiledFlag) != 0;
        int bitDepth = (kind & WideFlag) != 0 ? 16 : 8;
        bool multiScale = (kind & MultiScaleFlag) != 0;
        if (multiScale && (tiled || bitDepth != 8 || format.ColourChannels() != 3))
            throw new PrnnFormatException("the file is corrupt: only whole 8-bit colour images are coded in two scales");
        bool wavefront = (kind & WavefrontFlag) != 0;
        if (wavefront && multiScale)
            throw new PrnnFormatException("the file is corrupt: a multi-scale file is coded in raster order");

        int position = 6;
        int width = ReadVarint(file, ref position), height = ReadVarint(file, ref position);
        int tileWidth = tiled ? ReadVarint(file, ref position) : 0;
        int tileHeight = tiled ? ReadVarint(file, ref position) : 0;
        CodingOrder? order = wavefront ? ReadOrder(file, ref position, tiled ? Math.Min(tileWidth, width) : width) : null;
        int planesPerByte = format.HasAlpha() ? 2 : 1;
        int planeCount = planesPerByte * bitDepth / 8;
        CheckGeometry(width, height, tiled, tileWidth, tileHeight, planeCount);

        var planes = new PlaneEntry[planeCount];
        for (int p = 0; p < planes.Length; p++)
            planes[p] = new PlaneEntry(p % planesPerByte == 0 ? format.ColourChannels() : 1, Take(file, ref position, ModelIdentity.IdLength));

        int segmentCount = (multiScale ? 1 : 0) + planes.Length * new TileGrid(width, height, tileWidth, tileHeight).Count;
        if (segmentCount > file.Length - position)
            throw Truncated();
        var segments = new int[segmentCount];
        for (int s = 0; s < segments.Length; s++)
            segments[s] = ReadVarint(file, ref position);

        byte[] checksum = Take(file, ref position, ChecksumLength);
        byte[]? subsampleChecksum = multiScale ? Take(file, ref position, ChecksumLength) : null;
        byte[] check = Take(file, ref position, CheckLength);
        if (verifyCheck && !HeaderCheck(file[..(position - CheckLength)]).AsSpan().SequenceEqual(check))
            throw new PrnnFormatException("the file is corrupt: its header check does not match");
        headerLength = position;
        var header = new PrnnHeader(version, format, width, height, tileWidth, tileHeight, planes, segments, checksum, bitDepth, subsampleChecksum, order);
        if (version >= BoundedStreamsVersion && FirstOverfullSegment(header) is { } overfull)
            throw new PrnnFormatException($"the file is corrupt: segment {overfull.Segment} has {header.SegmentLengths[overfull.Segment]} bytes, too few for the {overfull.Subpixels} sub-pixels it must hold");
        return header;
    }

    /// <summary>
    /// The first segment that claims more sub-pixels than a stream of its length can hold
    /// (<see cref="Entropy.RangeEncoder.MaxSymbols"/>), if any. Checked before anything is allocated
    /// for the pixels, this bounds a decoder's work by the size of its input (docs/limits.md): a
    /// version 2 file that fails it is corrupt; a version 1 file that fails it may be a
    /// near-constant image whose stream dropped a long run of trailing zeros, or a hostile one.
    /// </summary>
    internal static (int Segment, long Subpixels)? FirstOverfullSegment(PrnnHeader header)
    {
        TileGrid grid = header.Tiles;
        int first = header.IsMultiScale ? 1 : 0;
        long Subpixels(int s)
        {
            if (s < first)
                return header.SubsampleShape.SubpixelCount;
            Tile tile = grid[(s - first) % grid.Count];
            return (long)tile.Width * tile.Height * header.Planes[(s - first) / grid.Count].Channels;
        }
        for (int s = 0; s < header.SegmentLengths.Count; s++)
        {
            long subpixels = Subpixels(s);
            if (subpixels > Entropy.RangeEncoder.MaxSymbols(header.SegmentLengths[s]))
                return (s, subpixels);
        }
        return null;
    }

    internal static byte[] HeaderCheck(ReadOnlySpan<byte> headerBeforeCheck) => SHA256.HashData(headerBeforeCheck)[..CheckLength];

    private static int ReadVarint(ReadOnlySpan<byte> file, ref int position)
    {
        int start = position;
        int? value = Leb128.Read(file, ref position);
        if (value is not null)
            return value.Value;
        throw position >= file.Length && file.Length - start < 5 ? Truncated() : new PrnnFormatException("the file is corrupt: a header number is out of range");
    }

    // A wavefront's band and stagger, checked against their ranges and the widest coded plane (a tile's width).
    private static CodingOrder ReadOrder(ReadOnlySpan<byte> file, ref int position, int planeWidth)
    {
        int band = ReadVarint(file, ref position), stagger = ReadVarint(file, ref position);
        if (band is < 2 or > CodingOrder.MaxBand || stagger is < 1 or > CodingOrder.MaxStagger)
            throw new PrnnFormatException($"the file is corrupt: a wavefront of {band} rows, stagger {stagger}, is out of range");
        CodingOrder order = CodingOrder.Wavefront(band, stagger);
        if (planeWidth > 0 && !order.Fits(new PlaneShape(planeWidth, 1, 1)))
            throw new PrnnFormatException($"the file is corrupt: a wavefront of {band} rows over {planeWidth} columns is more than a decoder keeps");
        return order;
    }

    private static byte[] Take(ReadOnlySpan<byte> file, ref int position, int count)
    {
        if (file.Length - position < count)
            throw Truncated();
        byte[] bytes = file.Slice(position, count).ToArray();
        position += count;
        return bytes;
    }

    private static void CheckGeometry(int width, int height, bool tiled, int tileWidth, int tileHeight, int planes)
    {
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide || (long)width * height > RasterImage.MaxPixels)
            throw new PrnnFormatException($"the file is corrupt: image size {width}x{height} is out of range");
        if (tiled && (tileWidth <= 0 || tileHeight <= 0))
            throw new PrnnFormatException($"the file is corrupt: tile size {tileWidth}x{tileHeight} is invalid");
        if ((long)planes * new TileGrid(width, height, tileWidth, tileHeight).Count > MaxSegments)
            throw new PrnnFormatException("the file is corrupt: too many tiles");
    }

    private static PrnnFormatException Truncated() => new("the file is truncated: its header is incomplete");
}
