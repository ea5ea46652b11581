namespace PixelCodec.Modeling;

/// <summary>
/// A model that may need a plane's subsample (<see cref="Subsample.Of"/>, coded before the plane by a
/// <see cref="MultiScaleModel"/>) to give the plane's tables: the conditional network of a
/// Multi-Scale PixelRNN, or a blend that holds one.
/// </summary>
public interface ISubsampleConditioned
{
    /// <summary>Whether the tables depend on the subsample; if not, <see cref="Given"/> returns the model as it is.</summary>
    bool NeedsSubsample { get; }

    /// <summary>The model of the plane whose subsample is <paramref name="subsample"/>: the same identity, tables given that subsample.</summary>
    IProbabilityModel Given(ReadOnlyMemory<byte> subsample);
}
