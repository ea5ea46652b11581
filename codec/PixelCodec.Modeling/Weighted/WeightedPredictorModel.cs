using System.Security.Cryptography;
using System.Text;

namespace PixelCodec.Modeling.Weighted;

/// <summary>
/// The strongest classical expert: a blend of linear predictors weighted by their errors nearby, with
/// bias correction and residual counts chosen by the expected error (see <see cref="WeightedPredictorSession"/>).
/// It needs no model file and codes 1 to 4 channels. Its identity is the hash of its versioned name:
/// changing its predictors, contexts or adaptation changes that name.
/// </summary>
public sealed class WeightedPredictorModel : IProbabilityModel
{
    public const string Name = "weighted";
    public const string VersionedName = "pixelcodec/weighted-predictor/v1";

    public static readonly WeightedPredictorModel Instance = new();

    private WeightedPredictorModel() =>
        Identity = new ModelIdentity(Name, SHA256.HashData(Encoding.ASCII.GetBytes(VersionedName)));

    public ModelIdentity Identity { get; }

    public bool SupportsChannels(int channels) => channels is >= 1 and <= WeightedPredictorSession.MaxChannels;

    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) =>
        new SequentialEncoderPass(BeginDecoding(shape), plane, shape);

    public IDecoderSession BeginDecoding(PlaneShape shape)
    {
        if (!SupportsChannels(shape.Channels))
            throw new ArgumentException($"the weighted predictor model codes 1 to {WeightedPredictorSession.MaxChannels} channels, not {shape.Channels}");
        return new WeightedPredictorSession(shape);
    }
}
