using PixelCodec.Entropy;

namespace PixelCodec.Engine;

/// <summary>
/// Softmax in integers: 256 logits (Q8) to a frequency table summing to exactly 2^16 with every
/// entry >= 1. With m the largest logit, e_k = exp((l_k - m) / 256) from the table (Q24, zero below
/// 16 nats), f_k = 1 + floor(e_k (2^16 - 256) / sum e), and what the floors leave goes to the first
/// largest entry (<see cref="FrequencyTable.FromShares"/>). Only integer operations, so the table is the same everywhere.
/// </summary>
internal static class LogitsToFrequencies
{
    public static void Fill(ReadOnlySpan<int> logits, int[] exp, Span<ushort> table)
    {
        int max = int.MinValue, argmax = 0;
        for (int k = 0; k < FrequencyTable.Symbols; k++)
            if (logits[k] > max)
                (max, argmax) = (logits[k], k);
        Span<int> e = stackalloc int[FrequencyTable.Symbols];
        long sum = 0;
        for (int k = 0; k < FrequencyTable.Symbols; k++)
        {
            long d = (long)max - logits[k];
            e[k] = d < exp.Length ? exp[d] : 0;
            sum += e[k];
        }
        FrequencyTable.FromShares(new SoftmaxShares(e, new ExactDivisor(sum)), argmax, table);
    }

    // e_k (2^16 - 256) / sum e, floored: e_k <= 2^24, so the numerator is below 2^40 (ExactDivisor's bound).
    private readonly ref struct SoftmaxShares(ReadOnlySpan<int> exp, ExactDivisor sum) : IFrequencyShares
    {
        private readonly ReadOnlySpan<int> _exp = exp;

        public int ShareOf(int value) => (int)sum.Divide(_exp[value] * (long)FrequencyTable.Spread);
    }
}
