using System.Numerics;
using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Weighted;

// Read me first.
//
// A distribution over the 256 values of a sub-pixel as a binary tree of 255 yes/no questions about
// its rank u: values are ranked by distance from the prediction (u = 0 the prediction, then one
// step to the side the blend leans to, one step to the other, two steps, ...; values outside 0..255
// are skipped, so ranks and values are a bijection). The tree first asks, in unary, for the rank's
// bucket k = floor(log2(u + 1)) (8 questions, bucket 8 holds only u = 255), then for the k bits of
// u's place inside its bucket, high bit first.
//
// Every question's probability is a logistic mix of adaptive probabilities looked up under a few
// contexts (one per context set) and, where one is given, an expert's table (a PixelRNN's) turned into
// the same questions' probabilities, with mixing weights that learn per channel and question: the
// mixer learns where to trust the network and where the image's own statistics. A table
// is the product of probabilities along each value's path; only the ~8-16 questions on the coded
// value's path learn. Everything is integers in a fixed order, so encoder and decoder agree.
internal sealed class ResidualTree
{
    public const int Nodes = 255;
    private const int UnaryNodes = 8;
    private const int Buckets = 9;

    private const int ProbabilityOne = 1 << 16;
    private const int HitLimit = 250;
    private const int InitialHits = 2;
    private const int MixerShift = 12;             // weights move by stretch * error / 2^MixerShift
    private const int MaxWeight = 64 * ProbabilityOne;

    private static readonly int[] MantissaBase = BuildMantissaBase();
    private static readonly (int From, int Split, int To)[] Questions = BuildQuestions();

    private readonly int _sets;
    private readonly int _inputs;                   // _sets, plus one for the expert when there is one
    private readonly ushort[][] _probabilities;     // per set: [context * Nodes + node], P(bit = 1) of 65536
    private readonly byte[][] _hits;
    private readonly int[] _weights;                // [(mixerContext * inputs + input) * Nodes + node]
    private readonly short[][] _stretchedProbabilities; // per set: Stretch of _probabilities >> 4, kept as they learn
    private readonly short[] _expertStretched = new short[Nodes];
    private readonly int[] _nodeProbability = new int[Nodes]; // mixed, of 4096
    private readonly int[] _mixHigh = new int[Nodes], _mixLow = new int[Nodes];
    private readonly long[] _level = new long[1 << (UnaryNodes - 1)];   // Spread's widest level
    private readonly int[] _contexts;
    private readonly byte[] _valueOfRank = new byte[FrequencyTable.Symbols];
    private readonly byte[] _rankOfValue = new byte[FrequencyTable.Symbols];
    private readonly long[] _reach = new long[FrequencyTable.Symbols];
    private readonly int[] _expertPrefix = new int[FrequencyTable.Symbols + 1];
    private int _mixer;

    /// <param name="contextCounts">How many contexts each set has.</param>
    /// <param name="mixerContexts">How many contexts the mixing weights have: each learns its own.</param>
    /// <param name="initialLeafMass">For a context of set s, the leaf masses (by rank) its probabilities start from.</param>
    /// <param name="withExpert">Whether every table is given an expert's table to mix in.</param>
    public ResidualTree(int[] contextCounts, int mixerContexts, Func<int, int, long[]> initialLeafMass, bool withExpert = false)
    {
        _sets = contextCounts.Length;
        _inputs = _sets + (withExpert ? 1 : 0);
        _contexts = new int[_sets];
        _probabilities = new ushort[_sets][];
        _hits = new byte[_sets][];
        _stretchedProbabilities = new short[_sets][];
        for (int s = 0; s < _sets; s++)
        {
            _probabilities[s] = new ushort[contextCounts[s] * Nodes];
            _hits[s] = new byte[contextCounts[s] * Nodes];
            long[]? previous = null;
            for (int c = 0; c < contextCounts[s]; c++)
            {
                long[] mass = initialLeafMass(s, c);
                Span<ushort> here = _probabilities[s].AsSpan(c * Nodes, Nodes);
                // Models that start many contexts alike pass one array: its probabilities are computed once.
                if (ReferenceEquals(mass, previous))
                    _probabilities[s].AsSpan((c - 1) * Nodes, Nodes).CopyTo(here);
                else
                    NodeProbabilities(mass, here);
                previous = mass;
            }
            Array.Fill(_hits[s], (byte)InitialHits);
            _stretchedProbabilities[s] = Array.ConvertAll(_probabilities[s], p => (short)Logistic.Stretch(p >> 4));
        }
        _weights = new int[mixerContexts * Nodes * _inputs];
        // The mix starts as a mean of the inputs' stretched probabilities (weights summing to one),
        // the expert, where there is one, counting as much as all contexts together.
        for (int i = 0; i < _weights.Length; i++)
            _weights[i] = withExpert ? (i / Nodes % _inputs == _sets ? ProbabilityOne / 2 : ProbabilityOne / (2 * _sets)) : ProbabilityOne / _sets;
    }

    /// <summary>
    /// The table of the next sub-pixel under the given contexts (one per set) and mixer context, ranked
    /// from <paramref name="predicted"/>, leaning up unless <paramref name="mirrored"/>.
    /// </summary>
    /// <param name="contexts">One context per set, each below that set's count in the constructor's contextCounts.</param>
    /// <param name="mixerContext">Below the constructor's mixerContexts: whose weights mix the questions.</param>
    /// <param name="predicted">The value of rank 0, 0 to 255.</param>
    /// <param name="mirrored">Whether the value below the prediction comes before the one above it at each distance.</param>
    /// <param name="table">Receives the 256 frequencies.</param>
    /// <param name="expert">With an expert: its table of this sub-pixel (256 frequencies).</param>
    public void Table(ReadOnlySpan<int> contexts, int mixerContext, int predicted, bool mirrored, Span<ushort> table, ReadOnlySpan<ushort> expert = default)
    {
        contexts.CopyTo(_contexts);
        _mixer = mixerContext;
        Rank(predicted, mirrored ? -1 : 1);
        if (_inputs > _sets)
            ExpertInputs(expert);

        Mix();

        // Probability of reaching each leaf (rank), in 1/2^32: unary bucket, then the mantissa tree.
        long reach = 1L << 32;
        for (int k = 0; k < Buckets; k++)
        {
            long here = reach;
            if (k < UnaryNodes)
            {
                int p = _nodeProbability[k];
                here = (reach * (4096 - p)) >> 12;
                reach = (reach * p) >> 12;
            }
            int first = (1 << k) - 1;
            if (k == 0 || k == UnaryNodes)
            {
                _reach[first] = here;
                continue;
            }
            Spread(k, here, first);
        }

        // table[v] = 1 + floor(reach(rank of v) * (2^16 - 256) / 2^32); the floors' remainder goes to the prediction.
        FrequencyTable.FromShares(new ReachShares(_reach, _rankOfValue), predicted, table);
    }

    // Every node's mixed probability: Squash((sum over inputs of weight * stretched) >> 16), the sum
    // exact. Computed in int32 lanes: with weight = high * 2^16 + low (low 0..65535), the sum is
    // A * 2^16 + B for A = sum high * stretched and B = sum low * stretched, so the shifted sum is
    // A + (B >> 16) exactly. Weights stay within +-2^22 and stretched values within +-2^11, so
    // |A| < 5 * 2^17 and |B| < 5 * 2^27: both fit. Input by input over all nodes (the sums are exact,
    // so their order is free), each pass reading one context's stretched probabilities in a row.
    private void Mix()
    {
        int sets = _sets, inputs = _inputs, lanes = Vector<int>.Count;
        Span<int> high = _mixHigh, low = _mixLow;
        high.Clear();
        low.Clear();
        for (int s = 0; s < inputs; s++)
        {
            ReadOnlySpan<int> weights = _weights.AsSpan((_mixer * inputs + s) * Nodes, Nodes);
            ReadOnlySpan<short> stretched = s < sets ? _stretchedProbabilities[s].AsSpan(_contexts[s] * Nodes, Nodes) : _expertStretched;
            int v = 0;
            for (; v + 2 * lanes <= Nodes; v += 2 * lanes)
            {
                Vector.Widen(new Vector<short>(stretched[v..]), out Vector<int> first, out Vector<int> second);
                Accumulate(weights[v..], first, high[v..], low[v..]);
                Accumulate(weights[(v + lanes)..], second, high[(v + lanes)..], low[(v + lanes)..]);
            }
            for (; v < Nodes; v++)
            {
                high[v] += (weights[v] >> 16) * stretched[v];
                low[v] += (weights[v] & 0xFFFF) * stretched[v];
            }
        }
        for (int n = 0; n < Nodes; n++)
            _nodeProbability[n] = Math.Clamp(Logistic.Squash(high[n] + (low[n] >> 16)), 1, 4095);
    }

    // One vector of nodes: high += (weight >> 16) * stretched, low += (weight & 0xFFFF) * stretched.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ReadOnlySpan<int> weights, Vector<int> stretched, Span<int> high, Span<int> low)
    {
        var w = new Vector<int>(weights);
        (new Vector<int>(high) + Vector.ShiftRightArithmetic(w, 16) * stretched).CopyTo(high);
        (new Vector<int>(low) + (w & new Vector<int>(0xFFFF)) * stretched).CopyTo(low);
    }

    private readonly struct ReachShares(long[] reach, byte[] rankOfValue) : IFrequencyShares
    {
        public int ShareOf(int value) => (int)((reach[rankOfValue[value]] * FrequencyTable.Spread) >> 32);
    }

    /// <summary>Learns from the value of the sub-pixel whose table was just given.</summary>
    public void Update(byte value)
    {
        int u = _rankOfValue[value];
        int k = u == FrequencyTable.Symbols - 1 ? UnaryNodes : 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)(u + 1));
        for (int j = 0; j < Math.Min(k, UnaryNodes); j++)
            Learn(j, 1);
        if (k < UnaryNodes)
            Learn(k, 0);
        if (k is >= 1 and < UnaryNodes)
        {
            int offset = u - ((1 << k) - 1), node = 1;
            for (int b = k - 1; b >= 0; b--)
            {
                int bit = (offset >> b) & 1;
                Learn(MantissaBase[k] + node - 1, bit);
                node = 2 * node + bit;
            }
        }
    }

    private void Spread(int k, long reach, int first)
    {
        // Breadth first over the bucket's 2^k - 1 questions; leaves land in rank order.
        Span<long> level = _level;
        level[0] = reach;
        int width = 1;
        for (int depth = 0; depth < k; depth++)
        {
            for (int i = width - 1; i >= 0; i--)
            {
                int p = _nodeProbability[MantissaBase[k] + width - 1 + i];
                long mass = level[i];
                level[2 * i + 1] = (mass * p) >> 12;
                level[2 * i] = (mass * (4096 - p)) >> 12;
            }
            width *= 2;
        }
        for (int i = 0; i < width; i++)
            _reach[first + i] = level[i];
    }

    private void Learn(int node, int bit)
    {
        int sets = _sets, inputs = _inputs;
        int error = (bit << 12) - _nodeProbability[node];
        // Weights stay within +-64 (of one): far beyond any useful mix, and no int overflow however long the plane.
        // The stretched probabilities are still those the table was mixed from: each node learns once per sub-pixel, and its own probabilities change only below.
        for (int s = 0; s < inputs; s++)
        {
            int stretched = s < sets ? _stretchedProbabilities[s][_contexts[s] * Nodes + node] : _expertStretched[node];
            int at = (_mixer * inputs + s) * Nodes + node;
            _weights[at] = Math.Clamp(_weights[at] + ((stretched * error + (1 << (MixerShift - 1))) >> MixerShift), -MaxWeight, MaxWeight);
        }
        for (int s = 0; s < sets; s++)
        {
            int at = _contexts[s] * Nodes + node;
            int hits = _hits[s][at];
            int p = _probabilities[s][at];
            int target = bit == 1 ? ProbabilityOne - 1 : 0;
            p += (target - p) * 2 / (2 * hits + 3);
            _probabilities[s][at] = (ushort)Math.Clamp(p, 16, ProbabilityOne - 16);
            _stretchedProbabilities[s][at] = (short)Logistic.Stretch(_probabilities[s][at] >> 4);
            if (hits < HitLimit)
                _hits[s][at] = (byte)(hits + 1);
        }
    }

    // The expert's table as the tree's questions: P(yes) = the yes-subtree's share of the subtree's
    // frequencies, from prefix sums over ranks, stretched into the last input of every question.
    private void ExpertInputs(ReadOnlySpan<ushort> expert)
    {
        if (expert.Length != FrequencyTable.Symbols)
            throw new ArgumentException("the tree mixes an expert's table into every sub-pixel's");
        int[] prefix = _expertPrefix;
        for (int u = 0; u < FrequencyTable.Symbols; u++)
            prefix[u + 1] = prefix[u] + expert[_valueOfRank[u]];
        for (int n = 0; n < Nodes; n++)
        {
            (int from, int split, int to) = Questions[n];
            long all = prefix[to] - prefix[from], yes = prefix[to] - prefix[split];
            _expertStretched[n] = (short)Logistic.Stretch((int)Math.Clamp(yes * 4096 / all, 1, 4095));
        }
    }

    // Ranks: the prediction, then alternately one more step to the leaning side and to the other,
    // skipping values outside 0..255.
    private void Rank(int predicted, int lean)
    {
        int u = 0;
        _valueOfRank[u] = (byte)predicted;
        _rankOfValue[predicted] = 0;
        u++;
        for (int d = 1; u < FrequencyTable.Symbols; d++)
        {
            int a = predicted + lean * d, b = predicted - lean * d;
            if ((uint)a <= 255)
            {
                _valueOfRank[u] = (byte)a;
                _rankOfValue[a] = (byte)u++;
            }
            if ((uint)b <= 255)
            {
                _valueOfRank[u] = (byte)b;
                _rankOfValue[b] = (byte)u++;
            }
        }
    }

    /// <summary>Each question's P(yes) as the share of its yes-subtree in the leaf masses (by rank).</summary>
    private static void NodeProbabilities(long[] leafMass, Span<ushort> probabilities)
    {
        var prefix = new long[FrequencyTable.Symbols + 1];
        for (int u = 0; u < FrequencyTable.Symbols; u++)
            prefix[u + 1] = prefix[u] + leafMass[u];
        for (int n = 0; n < Nodes; n++)
        {
            (int from, int split, int to) = Questions[n];
            long all = prefix[to] - prefix[from], yes = prefix[to] - prefix[split];
            probabilities[n] = (ushort)Math.Clamp(all == 0 ? ProbabilityOne / 2 : yes * ProbabilityOne / all, 16, ProbabilityOne - 16);
        }
    }

    // Question n asks, of a rank in [From, To), whether it lies in [Split, To).
    private static (int From, int Split, int To)[] BuildQuestions()
    {
        var questions = new (int, int, int)[Nodes];
        for (int j = 0; j < UnaryNodes; j++)
            questions[j] = ((1 << j) - 1, (1 << (j + 1)) - 1, FrequencyTable.Symbols);
        for (int k = 1; k < UnaryNodes; k++)
        {
            int first = (1 << k) - 1;
            for (int node = 1; node < (1 << k); node++)
            {
                int depth = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)node);
                int span = 1 << (k - depth);
                int start = first + (node - (1 << depth)) * span;
                questions[MantissaBase[k] + node - 1] = (start, start + span / 2, start + span);
            }
        }
        return questions;
    }

    private static int[] BuildMantissaBase()
    {
        var bases = new int[UnaryNodes];
        int next = UnaryNodes;
        for (int k = 1; k < UnaryNodes; k++)
        {
            bases[k] = next;
            next += (1 << k) - 1;
        }
        return bases;
    }
}
