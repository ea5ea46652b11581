using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Baseline;

// Read me first.
//
// Each sub-pixel is predicted from its decoded neighbours in the same channel (W, N, NW, NE) with
// the median edge detector of LOCO-I; channels after the first add how far the previous channel at
// the same pixel fell from its own edge prediction (colour channels move together). The value's distribution is a table of
// residual counts, stored modulo 256 so that table[v] = counts[(v - prediction) & 255] is a
// permutation of the counts: its total is known without summing.
//
// The counts are chosen by a context: the channel, and the local activity (gradients around the
// pixel plus that previous-channel deviation) quantised to a few buckets. They start from a
// two-sided geometric prior whose spread grows with the bucket, built with integers only, and adapt
// by adding a fixed increment to the coded residual and halving when the total grows too large.
// Every step is integer arithmetic, so encoder and decoder agree on every machine.
internal sealed class ContextModelSession : IDecoderSession
{
    public const int MaxChannels = 4;

    private static readonly int[] ActivityBucketLimits = [0, 2, 5, 9, 15, 24, 38, 60, 95];
    private static readonly int BucketCount = ActivityBucketLimits.Length + 1;

    private const int Increment = 32;
    private const int HalvingThreshold = 1 << 16;
    private const int PriorTotal = 1 << 10;

    private static readonly int[][] Priors = BuildPriors();

    private readonly PlaneShape _shape;
    private readonly OrderCursor _cursor;
    private readonly byte[] _decoded;
    private readonly short[] _deviations;          // per sub-pixel: how far it fell from its edge prediction
    private readonly int[][] _counts;
    private readonly int[] _countTotals;
    private int _edgePrediction;
    private int _prediction;
    private int _context;

    /// <param name="shape">The plane's shape.</param>
    /// <param name="order">The order its sub-pixels are coded in.</param>
    /// <param name="decoded">
    /// Where the observed values go (raster layout; a new buffer if null). A test passes the whole plane:
    /// a read of a sub-pixel the order has not coded yet would then see its value instead of zero.
    /// </param>
    public ContextModelSession(PlaneShape shape, CodingOrder order, byte[]? decoded = null)
    {
        _shape = shape;
        _cursor = order.Start(shape);
        _decoded = decoded ?? new byte[shape.SubpixelCount];
        _deviations = new short[shape.SubpixelCount];
        int contexts = shape.Channels * BucketCount;
        _counts = new int[contexts][];
        _countTotals = new int[contexts];
        for (int c = 0; c < contexts; c++)
        {
            int[] prior = Priors[c % BucketCount];
            _counts[c] = (int[])prior.Clone();
            _countTotals[c] = Sum(prior);
        }
    }

    public void NextTable(Span<ushort> table)
    {
        if (_cursor.Done)
            throw new InvalidOperationException("every sub-pixel of the plane has been coded");
        SelectContext();
        FillTable(_counts[_context], _countTotals[_context], _prediction, table);
    }

    public void Observe(byte value)
    {
        int residual = (value - _prediction) & 0xFF;
        int[] counts = _counts[_context];
        counts[residual] += Increment;
        _countTotals[_context] += Increment;
        if (_countTotals[_context] > HalvingThreshold)
            _countTotals[_context] = Halve(counts);

        _decoded[_cursor.Index] = value;
        _deviations[_cursor.Index] = (short)(value - _edgePrediction);
        _cursor.Advance();
    }

    private void SelectContext()
    {
        int channels = _shape.Channels;
        int channel = _cursor.Channel, x = _cursor.X, y = _cursor.Y;

        int stride = _shape.Stride;
        int here = _cursor.Index;
        int w, n, nw, ne;
        if (y == 0)
        {
            w = x > 0 ? _decoded[here - channels] : 128;
            n = nw = ne = w;
        }
        else
        {
            n = _decoded[here - stride];
            ne = x + 1 < _shape.Width ? _decoded[here - stride + channels] : n;
            w = x > 0 ? _decoded[here - channels] : n;
            nw = x > 0 ? _decoded[here - stride - channels] : n;
        }

        _edgePrediction = ContextMath.MedianEdge(w, n, nw);
        int correction = channel > 0 ? _deviations[here - 1] : 0;
        _prediction = Math.Clamp(_edgePrediction + correction, 0, 255);

        int activity = Math.Abs(n - nw) + Math.Abs(w - nw) + Math.Abs(ne - n) + 2 * Math.Abs(correction);
        _context = channel * BucketCount + ContextMath.Bucket(activity, ActivityBucketLimits);
    }

    // table[v] = 1 + floor(counts[(v - prediction) & 255] * floor((2^16 - 256) * 2^32 / total) / 2^32): a
    // reciprocal instead of 256 divisions; what the floors leave over goes to the predicted value.
    private static void FillTable(int[] counts, int total, int prediction, Span<ushort> table) =>
        FrequencyTable.FromShares(new CountShares(counts, prediction, ((ulong)FrequencyTable.Spread << 32) / (ulong)total), prediction, table);

    private readonly struct CountShares(int[] counts, int prediction, ulong scale) : IFrequencyShares
    {
        public int ShareOf(int value) => (int)(((ulong)counts[(value - prediction) & 0xFF] * scale) >> 32);
    }

    private static int Halve(int[] counts)
    {
        int total = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = (counts[i] + 1) >> 1;
            total += counts[i];
        }
        return total;
    }

    private static int Sum(int[] counts)
    {
        int total = 0;
        foreach (int c in counts)
            total += c;
        return total;
    }

    // A two-sided geometric prior over residuals -128..127 (stored modulo 256), one per activity
    // bucket, wider for busier buckets; decay factors are rationals so the tables are exact integers.
    private static int[][] BuildPriors()
    {
        var priors = new int[BucketCount][];
        for (int b = 0; b < BucketCount; b++)
        {
            int spread = 1 + (b == 0 ? 0 : ActivityBucketLimits[b - 1]) / 4 + b;
            var weights = new long[129];
            weights[0] = 1L << 30;
            for (int d = 1; d <= 128; d++)
                weights[d] = weights[d - 1] * spread / (spread + 1);
            long weightSum = weights[0];
            for (int d = 1; d <= 128; d++)
                weightSum += (d == 128 ? 1 : 2) * weights[d];

            var prior = new int[FrequencyTable.Symbols];
            for (int r = 0; r < FrequencyTable.Symbols; r++)
            {
                int distance = r < 128 ? r : 256 - r;
                prior[r] = (int)(weights[distance] * PriorTotal / weightSum);
            }
            priors[b] = prior;
        }
        return priors;
    }
}
