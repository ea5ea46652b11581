using System.Security.Cryptography;
using System.Text;

namespace PixelCodec.Modeling;

/// <summary>
/// A Multi-Scale PixelRNN as the codec uses it (van den Oord et al. 2016, section 3.6): an RGB plane's
/// subsample (<see cref="Subsample.Of"/>) is coded first, by <see cref="SubsampleModel"/>, then the plane
/// by <see cref="FullModel"/> given the subsample, so the first part of a file is a faithful
/// thumbnail. The container drives the two parts (a file of format version 4 with a subsample
/// segment: Container's PrnnEncoder and PrnnDecoder), so this model gives no tables by itself:
/// <see cref="BeginEncoding"/> and <see cref="BeginDecoding(PlaneShape)"/> refuse. Its identity is the hash of its
/// versioned name and the two parts' hashes.
/// </summary>
public sealed class MultiScaleModel : IProbabilityModel
{
    /// <summary>What the identity hashes before the parts' hashes.</summary>
    public const string VersionedName = "pixelcodec/multiscale/v1";

    private readonly IProbabilityModel _full;

    /// <param name="subsampleModel">Codes the subsample (any RGB model: a thumbnail model suits it).</param>
    /// <param name="fullModel">Codes the plane given the subsample: an <see cref="ISubsampleConditioned"/> model that needs it.</param>
    /// <exception cref="ArgumentException">A part does not code RGB planes, the subsample model is multi-scale, or the full model does not read the subsample.</exception>
    public MultiScaleModel(IProbabilityModel subsampleModel, IProbabilityModel fullModel)
    {
        if (!subsampleModel.SupportsChannels(3) || !fullModel.SupportsChannels(3))
            throw new ArgumentException("both parts of a multi-scale model must code RGB planes");
        if (subsampleModel is MultiScaleModel)
            throw new ArgumentException("a multi-scale model's subsample is coded in one scale: its first part cannot be multi-scale too");
        if (fullModel is not ISubsampleConditioned { NeedsSubsample: true })
            throw new ArgumentException($"{fullModel.Identity.Name} does not read a subsample: a multi-scale model's second part must be a conditional network (or a blend with one)");
        SubsampleModel = subsampleModel;
        _full = fullModel;
        byte[] hashed = [.. Encoding.ASCII.GetBytes(VersionedName), .. subsampleModel.Identity.Hash, .. fullModel.Identity.Hash];
        Identity = new ModelIdentity($"scales({subsampleModel.Identity.Name};{fullModel.Identity.Name})", SHA256.HashData(hashed));
    }

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <summary>The model of the subsample.</summary>
    public IProbabilityModel SubsampleModel { get; }

    /// <summary>The model of the plane given its subsample.</summary>
    public IProbabilityModel FullModel => _full;

    /// <summary>The model of the plane whose subsample is <paramref name="subsample"/>.</summary>
    public IProbabilityModel Given(ReadOnlyMemory<byte> subsample) => ((ISubsampleConditioned)_full).Given(subsample);

    /// <summary>Whether <paramref name="channels"/> is 3: multi-scale coding is for RGB planes.</summary>
    public bool SupportsChannels(int channels) => channels == 3;

    /// <summary>Refused: the container codes the subsample and then the plane given it.</summary>
    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) => throw Refused();

    /// <summary>Refused: the container decodes the subsample and then the plane given it.</summary>
    public IDecoderSession BeginDecoding(PlaneShape shape) => throw Refused();

    private NotSupportedException Refused() =>
        new($"{Identity.Name} codes a subsample before the plane: code it through a .prnn file (PrnnEncoder, PrnnDecoder), not plane by plane");
}
