using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Mixing;

/// <summary>
/// Blends N models' tables for each sub-pixel: sum over i of w_i/64 of model i's table, with (w_1..w_N)
/// one of the scheme's candidate weightings (each summing to 64) — the one that would have coded the
/// recent sub-pixels of the same channel in the fewest bits. It looks only at tables and values
/// already coded, so the encoder and the decoder choose alike. Integer arithmetic throughout.
/// </summary>
internal sealed class BlendChooser
{
    public const int WeightBits = 6;
    public const int WeightOne = 1 << WeightBits;

    /// <summary>Each blend's score loses 1/2^DecayShift per sub-pixel of its channel: a memory of about 2^DecayShift sub-pixels.</summary>
    private const int DecayShift = 4;

    private readonly BlendScheme _scheme;
    private readonly int _experts;
    private readonly int[] _scores;

    public BlendChooser(BlendScheme scheme, int channels)
    {
        _scheme = scheme;
        _experts = scheme.Experts;
        int candidates = scheme.Candidates.Count;
        _scores = new int[channels * candidates];
        for (int c = 0; c < channels; c++)
            scheme.InitialScores.CopyTo(_scores.AsSpan(c * candidates, candidates));
    }

    /// <summary>
    /// Writes the blend chosen for the next sub-pixel, of channel <paramref name="channel"/>, of
    /// <paramref name="tables"/> (the experts' tables, 256 entries each, one after another): a valid
    /// frequency table if all inputs are.
    /// </summary>
    public void Blend(int channel, ReadOnlySpan<ushort> tables, int tableStride, Span<ushort> blended)
    {
        ReadOnlySpan<int> weights = _scheme.Candidates[Best(channel)];
        for (int e = 0; e < _experts; e++)
        {
            if (weights[e] == WeightOne)
            {
                tables.Slice(e * tableStride, FrequencyTable.Symbols).CopyTo(blended);
                return;
            }
        }
        // Entries of at least 1 stay at least 1 (the weights sum to 64); rounding down loses less than
        // one per entry, given back to the largest entry so the table sums to 2^16 again.
        int sum = 0, largest = 0;
        for (int s = 0; s < FrequencyTable.Symbols; s++)
        {
            int f = 0;
            for (int e = 0; e < _experts; e++)
                f += weights[e] * tables[e * tableStride + s];
            f >>= WeightBits;
            blended[s] = (ushort)f;
            sum += f;
            if (f > blended[largest])
                largest = s;
        }
        blended[largest] += (ushort)(FrequencyTable.Total - sum);
    }

    /// <summary>Scores every blend of channel <paramref name="channel"/> on the value just coded there (its frequency in each expert's table).</summary>
    public void Observe(int channel, ReadOnlySpan<int> frequencies)
    {
        int candidates = _scheme.Candidates.Count;
        Span<int> scores = _scores.AsSpan(channel * candidates, candidates);
        for (int k = 0; k < candidates; k++)
        {
            ReadOnlySpan<int> weights = _scheme.Candidates[k];
            int f = 0;
            for (int e = 0; e < _experts; e++)
                f += weights[e] * frequencies[e];
            scores[k] += CodeLength.Of(f >> WeightBits) - (scores[k] >> DecayShift);
        }
    }

    private int Best(int channel)
    {
        ReadOnlySpan<int> scores = _scores.AsSpan(channel * _scheme.Candidates.Count, _scheme.Candidates.Count);
        int best = 0;
        for (int k = 1; k < scores.Length; k++)
            if (scores[k] < scores[best])
                best = k;
        return best;
    }
}

/// <summary>The weightings a <see cref="BlendChooser"/> chooses among, and the scores they start from.</summary>
internal sealed record BlendScheme(int Experts, IReadOnlyList<int[]> Candidates, int[] InitialScores)
{
    /// <summary>
    /// Version 1, two experts: w and 64 - w for w = 0, 8, ..., 64, with a slight start-up preference
    /// for the even blend (|w - 32|), gone after a few sub-pixels.
    /// </summary>
    public static BlendScheme Pair { get; } = new(2,
        [.. Enumerable.Range(0, 9).Select(k => new[] { 8 * k, BlendChooser.WeightOne - 8 * k })],
        [.. Enumerable.Range(0, 9).Select(k => Math.Abs(8 * k - BlendChooser.WeightOne / 2))]);

    /// <summary>
    /// Version 2, any number of experts: every weighting in steps of <paramref name="step"/>/64 (the
    /// simplex grid, in lexicographic order), starting from a preference for even weights.
    /// </summary>
    public static BlendScheme Grid(int experts, int step)
    {
        var candidates = new List<int[]>();
        void Fill(int[] prefix, int at, int left)
        {
            if (at == experts - 1)
            {
                prefix[at] = left;
                candidates.Add((int[])prefix.Clone());
                return;
            }
            for (int w = 0; w <= left; w += step)
            {
                prefix[at] = w;
                Fill(prefix, at + 1, left - w);
            }
        }
        Fill(new int[experts], 0, BlendChooser.WeightOne);
        int[] initial = [.. candidates.Select(c => c.Sum(w => Math.Abs(experts * w - BlendChooser.WeightOne)) / experts)];
        return new BlendScheme(experts, candidates, initial);
    }
}
