namespace PixelCodec;

/// <summary>A .prnn file that is damaged, truncated, of a newer format version, or coded with a model that is not loaded; the message says which, in one sentence.</summary>
/// <param name="message">What is wrong with the file.</param>
public sealed class PrnnFormatException(string message) : Exception(message);
