using System.Security.Cryptography;
using System.Text;

namespace PixelCodec.Modeling.LowByte;

/// <summary>
/// The model of the low bytes of 16-bit samples. A 16-bit image is coded as two planes of bytes:
/// the high bytes, by whichever model codes 8-bit images, then the low bytes, by this model, which
/// knows every high byte of the plane (they are decoded first) and the low bytes decoded so far
/// (see <see cref="LowByteSession"/>). <see cref="Given"/> binds it to one plane's high bytes; every
/// binding has the same identity, the hash of the versioned name.
/// </summary>
public sealed class LowByteModel : IProbabilityModel
{
    /// <summary>The name of <see cref="SharedIdentity"/>.</summary>
    public const string Name = "low-byte";

    /// <summary>What <see cref="SharedIdentity"/> hashes.</summary>
    public const string VersionedName = "pixelcodec/low-byte/v1";

    /// <summary>What a file records for its low-byte planes.</summary>
    public static readonly ModelIdentity SharedIdentity = new(Name, SHA256.HashData(Encoding.ASCII.GetBytes(VersionedName)));

    private readonly ReadOnlyMemory<byte> _high;

    private LowByteModel(ReadOnlyMemory<byte> high) => _high = high;

    /// <summary>The model of the low-byte plane whose high bytes are <paramref name="highPlane"/> (same shape, interleaved the same way).</summary>
    public static LowByteModel Given(ReadOnlyMemory<byte> highPlane) => new(highPlane);

    /// <summary><see cref="SharedIdentity"/>, whatever the high bytes.</summary>
    public ModelIdentity Identity => SharedIdentity;

    /// <summary>Whether <paramref name="channels"/> is 1 to 4.</summary>
    public bool SupportsChannels(int channels) => channels is >= 1 and <= LowByteSession.MaxChannels;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The model does not code the shape's channel count, or the high-byte plane is not the size of the shape.</exception>
    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) =>
        new SequentialEncoderPass(BeginDecoding(shape), plane, shape);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The model does not code the shape's channel count, or the high-byte plane is not the size of the shape.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape)
    {
        if (!SupportsChannels(shape.Channels))
            throw new ArgumentException($"the low-byte model codes 1 to {LowByteSession.MaxChannels} channels, not {shape.Channels}");
        if (_high.Length != shape.SubpixelCount)
            throw new ArgumentException($"the high-byte plane holds {_high.Length} samples, the low-byte plane {shape.SubpixelCount}");
        return new LowByteSession(shape, _high);
    }
}
