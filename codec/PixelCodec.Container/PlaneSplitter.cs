using PixelCodec.Imaging;
using PixelCodec.Modeling;

namespace PixelCodec.Container;

/// <summary>
/// Moves samples between an image and the planes that are coded: the colour plane (grey or R, G, B)
/// and, for images with alpha, the alpha plane; each cut to one tile.
/// </summary>
internal static class PlaneSplitter
{
    /// <summary>Copies channels [firstChannel, firstChannel + channels) of the tile out of the image.</summary>
    public static byte[] Extract(RasterImage image, Tile tile, int firstChannel, int channels)
    {
        var plane = new byte[tile.Width * tile.Height * channels];
        int imageChannels = image.Channels;
        for (int y = 0; y < tile.Height; y++)
        {
            ReadOnlySpan<byte> row = image.Row(tile.Y + y);
            Span<byte> target = plane.AsSpan(y * tile.Width * channels, tile.Width * channels);
            for (int x = 0; x < tile.Width; x++)
                row.Slice((tile.X + x) * imageChannels + firstChannel, channels).CopyTo(target.Slice(x * channels, channels));
        }
        return plane;
    }

    /// <summary>The reverse of <see cref="Extract"/>.</summary>
    public static void Insert(RasterImage image, Tile tile, int firstChannel, int channels, ReadOnlySpan<byte> plane)
    {
        int imageChannels = image.Channels;
        for (int y = 0; y < tile.Height; y++)
        {
            Span<byte> row = image.Row(tile.Y + y);
            ReadOnlySpan<byte> source = plane.Slice(y * tile.Width * channels, tile.Width * channels);
            for (int x = 0; x < tile.Width; x++)
                source.Slice(x * channels, channels).CopyTo(row.Slice((tile.X + x) * imageChannels + firstChannel, channels));
        }
    }

    public static PlaneShape Shape(Tile tile, int channels) => new(tile.Width, tile.Height, channels);
}
