namespace PixelCodec.Imaging;

/// <summary>The pixel layouts PixelCodec keeps apart. The numeric value is the channel count.</summary>
public enum PixelFormat
{
    Grey = 1,
    GreyAlpha = 2,
    Rgb = 3,
    Rgba = 4,
}

public static class PixelFormatExtensions
{
    public static int Channels(this PixelFormat format) => (int)format;

    public static bool HasAlpha(this PixelFormat format) => format is PixelFormat.GreyAlpha or PixelFormat.Rgba;

    /// <summary>Channels that carry colour (1 for grey, 3 for RGB), alpha excluded.</summary>
    public static int ColourChannels(this PixelFormat format) => format is PixelFormat.Grey or PixelFormat.GreyAlpha ? 1 : 3;
}
