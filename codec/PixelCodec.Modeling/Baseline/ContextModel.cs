using System.Security.Cryptography;
using System.Text;

namespace PixelCodec.Modeling.Baseline;

/// <summary>
/// The classical baseline: a LOCO-I style predictor with adaptive residual counts under a small
/// context (see <see cref="ContextModelSession"/>). It codes any plane (grey, RGB, alpha), needs no
/// model file, and stays the baseline row of every comparison. Its identity is the hash of its
/// versioned name: changing its tables or adaptation changes that name.
/// </summary>
public sealed class ContextModel : IProbabilityModel
{
    public const string VersionedName = "pixelcodec/baseline-context-model/v1";

    public static readonly ContextModel Instance = new();

    private ContextModel() =>
        Identity = new ModelIdentity("baseline", SHA256.HashData(Encoding.ASCII.GetBytes(VersionedName)));

    public ModelIdentity Identity { get; }

    public bool SupportsChannels(int channels) => channels is >= 1 and <= ContextModelSession.MaxChannels;

    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) =>
        new SequentialEncoderPass(BeginDecoding(shape), plane, shape);

    public IDecoderSession BeginDecoding(PlaneShape shape)
    {
        if (!SupportsChannels(shape.Channels))
            throw new ArgumentException($"the baseline model codes 1 to {ContextModelSession.MaxChannels} channels, not {shape.Channels}");
        return new ContextModelSession(shape);
    }
}
