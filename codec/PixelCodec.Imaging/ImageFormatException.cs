namespace PixelCodec.Imaging;

/// <summary>An image file that cannot be read or written. The message is one line a user can act on.</summary>
public sealed class ImageFormatException(string message) : Exception(message);
