namespace PixelCodec.Training;

/// <summary>A training or evaluation failure with a one-line message a user can act on.</summary>
public sealed class TrainingException(string message) : Exception(message);
