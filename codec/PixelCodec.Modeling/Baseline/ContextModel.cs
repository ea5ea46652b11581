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
    /// <summary>What the identity hashes.</summary>
    public const string VersionedName = "pixelcodec/baseline-context-model/v1";

    /// <summary>The model; it holds no state of a plane (each plane gets its own session), so one serves every caller.</summary>
    public static readonly ContextModel Instance = new();

    private ContextModel() =>
        Identity = new ModelIdentity("baseline", SHA256.HashData(Encoding.ASCII.GetBytes(VersionedName)));

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <summary>Whether <paramref name="channels"/> is 1 to 4.</summary>
    public bool SupportsChannels(int channels) => channels is >= 1 and <= ContextModelSession.MaxChannels;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shape has a channel count the model does not code.</exception>
    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) =>
        new SequentialEncoderPass(BeginDecoding(shape), plane, shape);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shape has a channel count the model does not code.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape) => BeginDecoding(shape, CodingOrder.Raster);

    /// <summary>Every order: the model reads a sub-pixel's neighbours W, N, NW and NE in its own channel and the earlier channels of its pixel, which every <see cref="CodingOrder"/> codes before it.</summary>
    public bool SupportsOrder(CodingOrder order) => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shape has a channel count the model does not code.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape, CodingOrder order)
    {
        if (!SupportsChannels(shape.Channels))
            throw new ArgumentException($"the baseline model codes 1 to {ContextModelSession.MaxChannels} channels, not {shape.Channels}");
        return new ContextModelSession(shape, order);
    }
}
