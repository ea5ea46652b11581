using PixelCodec.Imaging;

namespace PixelCodec.Container;

/// <summary>Which channels of an image each coded plane holds: colour first, then alpha if any.</summary>
internal readonly record struct PlaneLayout(int FirstChannel, int Channels)
{
    public static PlaneLayout[] For(PixelFormat format)
    {
        var colour = new PlaneLayout(0, format.ColourChannels());
        return format.HasAlpha() ? [colour, new PlaneLayout(colour.Channels, 1)] : [colour];
    }
}
