using System.Buffers.Binary;
using System.Security.Cryptography;
using PixelCodec.Imaging;
using PixelCodec.Modeling;

namespace PixelCodec.Container;

/// <summary>
/// The bytes of a .prnn header, version 1 (all integers little-endian):
/// <code>
///  0   8  magic 89 50 52 4E 4E 0D 0A 1A  ("\x89PRNN\r\n\x1A", caught by text-mode transfers like PNG's)
///  8   2  format version
/// 10   1  pixel format: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA
/// 11   1  plane count P: 1, or 2 when the image has alpha (colour plane, then alpha plane)
/// 12   4  width          16  4  height
/// 20   4  tile width     24  4  tile height   (0, 0: one tile, the whole image)
/// 28  32  SHA-256 of the decoded pixels, interleaved as in the image
/// 60  P x 33  per plane: channel count (1 byte), SHA-256 identity of its model (32 bytes)
///     P x T x 4  payload length of each (plane, tile) segment, plane-major, T tiles in raster order
///     4  the first 4 bytes of the SHA-256 of every header byte before them
/// </code>
/// The payload follows: the segments, each a range-coder stream, back to back.
/// </summary>
public static class PrnnHeaderCodec
{
    public const int CurrentVersion = 1;

    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'P', (byte)'R', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A];

    private const int FixedLength = 60;
    private const int PlaneEntryLength = 1 + ModelIdentity.HashLength;
    private const int CheckLength = 4;
    private const int MaxSegments = 1 << 20;

    public static byte[] Write(PrnnHeader header)
    {
        int length = FixedLength + header.Planes.Count * PlaneEntryLength + header.SegmentLengths.Count * 4 + CheckLength;
        var bytes = new byte[length];
        Span<byte> span = bytes;
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)header.Version);
        span[10] = (byte)header.Format;
        span[11] = (byte)header.Planes.Count;
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], header.Width);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], header.Height);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], header.TileWidth);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], header.TileHeight);
        header.PixelHash.CopyTo(span[28..]);
        int offset = FixedLength;
        foreach (PlaneEntry plane in header.Planes)
        {
            span[offset] = (byte)plane.Channels;
            plane.ModelHash.CopyTo(span[(offset + 1)..]);
            offset += PlaneEntryLength;
        }
        foreach (int segment in header.SegmentLengths)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[offset..], segment);
            offset += 4;
        }
        SHA256.HashData(span[..offset])[..CheckLength].CopyTo(span[offset..]);
        return bytes;
    }

    /// <summary>Reads and checks a header; <paramref name="headerLength"/> is where the payload starts.</summary>
    public static PrnnHeader Read(ReadOnlySpan<byte> file, out int headerLength)
    {
        if (file.Length < Magic.Length || !file[..Magic.Length].SequenceEqual(Magic))
            throw new PrnnFormatException("not a .prnn file (no PixelCodec signature at the start)");
        if (file.Length < FixedLength)
            throw new PrnnFormatException("the file is truncated: its header is incomplete");

        int version = BinaryPrimitives.ReadUInt16LittleEndian(file[8..]);
        if (version > CurrentVersion)
            throw new PrnnFormatException($"the file uses format version {version}, newer than this PixelCodec reads ({CurrentVersion}): upgrade PixelCodec");
        if (version != CurrentVersion)
            throw new PrnnFormatException($"the file uses unknown format version {version}");

        var format = (PixelFormat)file[10];
        int planeCount = file[11];
        int width = BinaryPrimitives.ReadInt32LittleEndian(file[12..]);
        int height = BinaryPrimitives.ReadInt32LittleEndian(file[16..]);
        int tileWidth = BinaryPrimitives.ReadInt32LittleEndian(file[20..]);
        int tileHeight = BinaryPrimitives.ReadInt32LittleEndian(file[24..]);
        CheckGeometry(format, planeCount, width, height, tileWidth, tileHeight);

        int segmentCount = planeCount * new TileGrid(width, height, tileWidth, tileHeight).Count;
        headerLength = FixedLength + planeCount * PlaneEntryLength + segmentCount * 4 + CheckLength;
        if (file.Length < headerLength)
            throw new PrnnFormatException("the file is truncated: its header is incomplete");
        int checkOffset = headerLength - CheckLength;
        if (!SHA256.HashData(file[..checkOffset])[..CheckLength].SequenceEqual(file.Slice(checkOffset, CheckLength)))
            throw new PrnnFormatException("the file is corrupt: its header check does not match");

        var planes = new PlaneEntry[planeCount];
        int offset = FixedLength;
        for (int p = 0; p < planeCount; p++)
        {
            planes[p] = new PlaneEntry(file[offset], file.Slice(offset + 1, ModelIdentity.HashLength).ToArray());
            offset += PlaneEntryLength;
        }
        int expectedColourChannels = format.ColourChannels();
        if (planes[0].Channels != expectedColourChannels || (planeCount == 2 && planes[1].Channels != 1))
            throw new PrnnFormatException("the file is corrupt: its plane channel counts do not match its pixel format");

        var segments = new int[segmentCount];
        for (int s = 0; s < segmentCount; s++)
        {
            segments[s] = BinaryPrimitives.ReadInt32LittleEndian(file[offset..]);
            if (segments[s] < 0)
                throw new PrnnFormatException("the file is corrupt: a segment length is negative");
            offset += 4;
        }
        return new PrnnHeader(version, format, width, height, tileWidth, tileHeight, planes, segments, file.Slice(28, 32).ToArray());
    }

    private static void CheckGeometry(PixelFormat format, int planeCount, int width, int height, int tileWidth, int tileHeight)
    {
        if (format is < PixelFormat.Grey or > PixelFormat.Rgba)
            throw new PrnnFormatException($"the file is corrupt: unknown pixel format {(int)format}");
        if (planeCount != (format.HasAlpha() ? 2 : 1))
            throw new PrnnFormatException($"the file is corrupt: {planeCount} planes for a {format} image");
        if (width <= 0 || height <= 0 || (long)width * height > RasterImage.MaxPixels)
            throw new PrnnFormatException($"the file is corrupt: image size {width}x{height} is out of range");
        if (tileWidth < 0 || tileHeight < 0 || (tileWidth == 0) != (tileHeight == 0))
            throw new PrnnFormatException($"the file is corrupt: tile size {tileWidth}x{tileHeight} is invalid");
        if ((long)planeCount * new TileGrid(width, height, tileWidth, tileHeight).Count > MaxSegments)
            throw new PrnnFormatException("the file is corrupt: too many tiles");
    }
}
