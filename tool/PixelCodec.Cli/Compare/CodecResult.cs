namespace PixelCodec.Cli.Compare;

/// <summary>
/// What one codec made of one image. <see cref="Bytes"/> is null when the codec failed
/// (<see cref="Failure"/> says why). <see cref="Verified"/>: the decoded pixels were compared with
/// the input and matched (null where the comparison does not decode).
/// </summary>
internal sealed record CodecResult(
    string Codec,
    long? Bytes,
    double EncodeMs,
    double? DecodeMs,
    bool? Verified,
    double? IdealBits = null,
    string? Failure = null);

/// <summary>All codecs' results for one image.</summary>
internal sealed record ImageResult(ImageSource Source, int Width, int Height, int Channels, IReadOnlyList<CodecResult> Codecs, string? Failure = null)
{
    public long Subpixels => (long)Width * Height * Channels;
}
