namespace PixelCodec.Entropy;

/// <summary>
/// A model's weights of the 256 values as the shares they get of the <see cref="FrequencyTable.Spread"/>
/// entries that are left once every value has its 1 (<see cref="FrequencyTable.FromShares"/>).
/// </summary>
public interface IFrequencyShares
{
    /// <summary>The share of <paramref name="value"/>: at least 0, and all 256 together at most <see cref="FrequencyTable.Spread"/>.</summary>
    int ShareOf(int value);
}
