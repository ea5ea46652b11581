namespace PixelCodec.Imaging;

/// <summary>The pixel layouts PixelCodec keeps apart. The numeric value is the channel count.</summary>
public enum PixelFormat
{
    /// <summary>One channel.</summary>
    Grey = 1,

    /// <summary>Grey, then alpha.</summary>
    GreyAlpha = 2,

    /// <summary>Red, green, blue.</summary>
    Rgb = 3,

    /// <summary>Red, green, blue, alpha.</summary>
    Rgba = 4,
}

/// <summary>What a <see cref="PixelFormat"/> holds.</summary>
public static class PixelFormatExtensions
{
    /// <summary>Channels per pixel, alpha included.</summary>
    public static int Channels(this PixelFormat format) => (int)format;

    /// <summary>Whether the last channel is alpha.</summary>
    public static bool HasAlpha(this PixelFormat format) => format is PixelFormat.GreyAlpha or PixelFormat.Rgba;

    /// <summary>Channels that carry colour (1 for grey, 3 for RGB), alpha excluded.</summary>
    public static int ColourChannels(this PixelFormat format) => format is PixelFormat.Grey or PixelFormat.GreyAlpha ? 1 : 3;
}
