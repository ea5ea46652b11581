using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Mixing;

/// <summary>
/// Blends two models' tables for each sub-pixel: w/64 of the first plus (64 - w)/64 of the second,
/// with w one of <see cref="Weights"/> — the one that would have coded the recent sub-pixels of the same
/// channel in the fewest bits. It looks only at tables and values already coded, so the encoder and
/// the decoder choose alike. Integer arithmetic throughout.
/// </summary>
internal sealed class BlendChooser
{
    private const int WeightBits = 6;
    private const int WeightOne = 1 << WeightBits;

    /// <summary>Each blend's score loses 1/2^DecayShift per sub-pixel of its channel: a memory of about 2^DecayShift sub-pixels.</summary>
    private const int DecayShift = 4;

    private static readonly int[] Weights = [0, 8, 16, 24, 32, 40, 48, 56, 64];

    private readonly int _channels;
    private readonly int[] _scores;
    private int _channel;

    public BlendChooser(int channels)
    {
        _channels = channels;
        _scores = new int[channels * Weights.Length];
        // A slight start-up preference for the even blend, gone after a few sub-pixels.
        for (int c = 0; c < channels; c++)
            for (int k = 0; k < Weights.Length; k++)
                _scores[c * Weights.Length + k] = Math.Abs(Weights[k] - WeightOne / 2);
    }

    /// <summary>Writes the blend chosen for the next sub-pixel: a valid frequency table if both inputs are.</summary>
    public void Blend(ReadOnlySpan<ushort> first, ReadOnlySpan<ushort> second, Span<ushort> blended)
    {
        int weight = Weights[Best()];
        if (weight == WeightOne || weight == 0)
        {
            (weight == WeightOne ? first : second).CopyTo(blended);
            return;
        }
        // Entries of at least 1 stay at least 1 (w + (64 - w) = 64); rounding down loses less than one
        // per entry, given back to the largest entry so the table sums to 2^16 again.
        int sum = 0, largest = 0;
        for (int s = 0; s < FrequencyTable.Symbols; s++)
        {
            int f = (weight * first[s] + (WeightOne - weight) * second[s]) >> WeightBits;
            blended[s] = (ushort)f;
            sum += f;
            if (f > blended[largest])
                largest = s;
        }
        blended[largest] += (ushort)(FrequencyTable.Total - sum);
    }

    /// <summary>Scores every blend on the value just coded (its frequency in each input table), and moves to the next channel.</summary>
    public void Observe(int firstFrequency, int secondFrequency)
    {
        Span<int> scores = _scores.AsSpan(_channel * Weights.Length, Weights.Length);
        for (int k = 0; k < Weights.Length; k++)
        {
            int f = (Weights[k] * firstFrequency + (WeightOne - Weights[k]) * secondFrequency) >> WeightBits;
            scores[k] += CodeLength.Of(f) - (scores[k] >> DecayShift);
        }
        _channel = _channel + 1 == _channels ? 0 : _channel + 1;
    }

    private int Best()
    {
        ReadOnlySpan<int> scores = _scores.AsSpan(_channel * Weights.Length, Weights.Length);
        int best = 0;
        for (int k = 1; k < scores.Length; k++)
            if (scores[k] < scores[best])
                best = k;
        return best;
    }
}
