namespace PixelCodec;

/// <summary>A model name that names no model this library knows, or a model file that cannot be used; the message says which forms a name may take.</summary>
/// <param name="message">What was asked for and what is accepted.</param>
public sealed class UnknownModelException(string message) : Exception(message);
