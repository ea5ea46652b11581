namespace PixelCodec.Container;

/// <summary>A .prnn file that cannot be decoded. The message is one line a user can act on.</summary>
public sealed class PrnnFormatException(string message) : Exception(message);
