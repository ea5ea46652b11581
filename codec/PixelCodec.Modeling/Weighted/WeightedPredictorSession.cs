using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Weighted;

// Read me first.
//
// A classical coder of the kind that beats the standard ones on photographs: many predictors,
// blended by how well each did on the neighbours, then a distribution chosen by how large the
// errors around the pixel were. All of it is integer arithmetic in a fixed order, so encoder and
// decoder agree on every machine.
//
// 1. Predictors. Every sub-pixel is predicted, in 1/16 of a level, by a few linear predictors over
//    its decoded neighbours in the same channel (W, N, NW, NE, WW, NN, NNE). A channel after the
//    first is also predicted in the difference domain: the same predictors over (channel - the
//    previous channel), plus the previous channel's value at this pixel (colours move together).
// 2. Blend. Each predictor's absolute error is kept for the two rows in view; its weight is
//    2^40 / (S^2 + 64), S its errors summed at N, W, NW, NE and (half) WW and NN: predictors that
//    were right nearby count most. The blend is their weighted mean (64-bit sums, one division).
// 3. Bias. The blend's signed error is averaged per context (channel, error bucket, the signs of
//    four neighbours against the prediction) and added back, as CALIC does.
// 4. Distribution. The expected error magnitude (the final errors at N, W, NW, NE, and for later
//    channels the earlier channels' errors at this very pixel) picks one of 20 buckets. The values
//    are ranked by distance from the rounded prediction, first on the side the blend leans to, and a
//    binary tree of questions about the rank (ResidualTree) gives the table: each question's
//    probability is a logistic mix of adaptive probabilities under five contexts (the bucket; a
//    coarse bucket with the neighbours' signs against the prediction; with how the previous channel
//    here missed; with where the fastest NLMS predictor would put the value; the shape of the
//    neighbourhood as three quantised gradients, as in JPEG-LS).
internal sealed class WeightedPredictorSession : IDecoderSession
{
    public const int MaxChannels = 4;

    private const int Fraction = 4;               // predictions in 1/16 of a level
    private const int One = 1 << Fraction;
    private const int MaxPrediction = 255 << Fraction;
    private const int SpatialPredictors = 7;
    private static readonly int[] NlmsRateShifts = [2, 4, 7];
    private const int NlmsSpatialInputs = 7;
    private const int NlmsInputsPerEarlierChannel = 3;

    // Expected-error thresholds, in 1/16 of a level summed over the neighbourhood (about a factor 1.4 apart).
    private static readonly int[] ErrorBucketLimits = [6, 12, 20, 30, 42, 58, 80, 110, 150, 205, 280, 380, 520, 710, 970, 1320, 1800, 2450, 3350];
    private static readonly int ErrorBuckets = ErrorBucketLimits.Length + 1;
    private const int TexturePatterns = 16;

    private const int BiasCountLimit = 255;

    private const int CoarseBuckets = 10;
    private const int EarlierErrorClasses = 9;
    private const int GradientShapes = 5 * 5 * 5;

    private readonly PlaneShape _shape;
    private readonly OrderCursor _cursor;
    private readonly byte[] _decoded;
    private readonly int _predictorCount;
    // Absolute errors (1/16 level) of every predictor and of the final prediction, for the rows being coded
    // (one in raster order, a band in a wavefront) and the two above them:
    // [row % rings][(x * channels + c) * (predictors + 1) + k], k = predictors for the final prediction.
    private readonly int[][] _errors;
    // The final signed errors of the same rows, [row % rings][x * channels + c]: this pixel's earlier channels, and W.
    private readonly int[][] _signedErrors;
    private readonly int[] _predictions;
    private readonly NlmsPredictor[][] _nlms;       // per channel, one per rate
    private readonly ResidualTree _tree;
    private readonly int[] _treeContexts = new int[5];
    private readonly int[] _biasSums;
    private readonly int[] _biasCounts;

    private int _position;                          // the sub-pixel's index in raster layout (from the cursor)
    private int _x, _y, _channel;
    private int _nlmsBase;                          // what the NLMS predictors predict the difference from, 1/16 level
    private int _rawBlend;                          // the predictors' blend, 1/16 level
    private int _blend;                             // the same, bias-corrected and clamped
    private int _predicted;                         // its rounded value: the residuals' origin
    private bool _mirrored;                         // the blend lies below _predicted: residuals are counted negated
    private int _mixerContext;
    private int _biasContext;

    /// <param name="shape">The plane's shape: 1 to <see cref="MaxChannels"/> channels.</param>
    /// <param name="order">The order its sub-pixels are coded in.</param>
    /// <param name="withExpert">Every table will be given an expert's table to mix in (<see cref="NextTable(Span{ushort}, ReadOnlySpan{ushort})"/>).</param>
    /// <param name="decoded">
    /// Where the observed values go (raster layout; a new buffer if null). A test passes the whole plane:
    /// a read of a sub-pixel the order has not coded yet would then see its value instead of zero.
    /// </param>
    public WeightedPredictorSession(PlaneShape shape, CodingOrder order, bool withExpert = false, byte[]? decoded = null)
    {
        _shape = shape;
        _cursor = order.Start(shape);
        _decoded = decoded ?? new byte[shape.SubpixelCount];
        _predictorCount = (shape.Channels > 1 ? 2 * SpatialPredictors : SpatialPredictors) + NlmsRateShifts.Length;
        int nlmsInputs = NlmsSpatialInputs + NlmsInputsPerEarlierChannel * (shape.Channels - 1);
        _nlms = [.. Enumerable.Range(0, shape.Channels).Select(_ => NlmsRateShifts.Select(r => new NlmsPredictor(nlmsInputs, r)).ToArray())];
        _errors = [.. Enumerable.Range(0, order.Band + 2).Select(_ => new int[shape.Stride * (_predictorCount + 1)])];
        _signedErrors = [.. Enumerable.Range(0, order.Band + 2).Select(_ => new int[shape.Stride])];
        _predictions = new int[_predictorCount];
        int channels = shape.Channels;
        _tree = new ResidualTree(
            [channels * ErrorBuckets, channels * CoarseBuckets * TexturePatterns, channels * CoarseBuckets * EarlierErrorClasses, channels * CoarseBuckets * EarlierErrorClasses, channels * GradientShapes],
            mixerContexts: channels,
            (set, context) => Prior(set switch
            {
                0 => context % ErrorBuckets,
                1 => context / TexturePatterns % CoarseBuckets * 2,
                4 => ErrorBuckets / 2,
                _ => context / EarlierErrorClasses % CoarseBuckets * 2,
            }),
            withExpert);
        _biasSums = new int[shape.Channels * ErrorBuckets * TexturePatterns];
        _biasCounts = new int[_biasSums.Length];
    }

    public void NextTable(Span<ushort> table) => NextTable(table, default);

    /// <summary>The next table, with <paramref name="expert"/> (the expert's table of the same sub-pixel) mixed in.</summary>
    public void NextTable(Span<ushort> table, ReadOnlySpan<ushort> expert)
    {
        if (_cursor.Done)
            throw new InvalidOperationException("every sub-pixel of the plane has been coded");
        (_position, _x, _y, _channel) = (_cursor.Index, _cursor.X, _cursor.Y, _cursor.Channel);
        Predict();
        _tree.Table(_treeContexts, _mixerContext, _predicted, _mirrored, table, expert);
    }

    public void Observe(byte value)
    {
        int channels = _shape.Channels, channel = _channel, x = _x, y = _y;
        int stride = _predictorCount + 1;
        Span<int> errors = _errors[y % _errors.Length].AsSpan((x * channels + channel) * stride, stride);
        int actual = value << Fraction;
        foreach (NlmsPredictor nlms in _nlms[channel])
            nlms.Update(actual - _nlmsBase);
        for (int k = 0; k < _predictorCount; k++)
            errors[k] = Math.Abs(actual - _predictions[k]);
        int signedError = actual - _blend;
        errors[_predictorCount] = Math.Abs(signedError);
        _signedErrors[y % _signedErrors.Length][x * channels + channel] = signedError;

        _biasSums[_biasContext] += actual - _rawBlend;
        if (++_biasCounts[_biasContext] > BiasCountLimit)
        {
            _biasSums[_biasContext] /= 2;
            _biasCounts[_biasContext] /= 2;
        }

        _tree.Update(value);

        _decoded[_position] = value;
        _cursor.Advance();
    }

    private void Predict()
    {
        int channels = _shape.Channels, width = _shape.Width, channel = _channel, x = _x, y = _y;

        Neighbours here = Neighbours.Of(_decoded, _position, x, y, width, channels, 0);
        Spatial(here, 0, _predictions);
        if (channels > 1)
        {
            if (channel > 0)
            {
                Neighbours reference = Neighbours.Of(_decoded, _position, x, y, width, channels, -1);
                Neighbours difference = here.Minus(reference);
                Spatial(difference, _decoded[_position - 1] << Fraction, _predictions.AsSpan(SpatialPredictors));
            }
            else
            {
                // The first channel has no earlier colour here: its difference-domain slots repeat the spatial ones.
                _predictions.AsSpan(0, SpatialPredictors).CopyTo(_predictions.AsSpan(SpatialPredictors));
            }
        }

        PredictWithNlms(here, channel, x, y);

        // Weights from each predictor's errors at N, W, NW, NE, and half those at WW and NN.
        int stride = _predictorCount + 1;
        int rings = _errors.Length;
        ReadOnlySpan<int> current = _errors[y % rings], above = _errors[(y + rings - 1) % rings], twoAbove = _errors[(y + rings - 2) % rings];
        ReadOnlySpan<int> signedHere = _signedErrors[y % rings].AsSpan(x * channels, channels);
        int at = x * channels + channel;
        bool hasW = x > 0, hasWW = x > 1, hasN = y > 0, hasNN = y > 1, hasNE = y > 0 && x + 1 < width;
        long weightSum = 0, weighted = 0;
        int errorSum = 0;
        for (int k = 0; k <= _predictorCount; k++)
        {
            int s = 0;
            if (hasW) s += 2 * current[(at - channels) * stride + k];
            if (hasWW) s += current[(at - 2 * channels) * stride + k];
            if (hasN) s += 2 * above[at * stride + k];
            if (hasNN) s += twoAbove[at * stride + k];
            if (hasN && hasW) s += 2 * above[(at - channels) * stride + k];
            if (hasNE) s += 2 * above[(at + channels) * stride + k];
            if (k == _predictorCount)
            {
                errorSum = s;
                break;
            }
            long weight = (1L << 40) / ((long)s * s + 64);
            weightSum += weight;
            weighted += weight * _predictions[k];
        }
        int blend = (int)((weighted + weightSum / 2) / weightSum);
        _rawBlend = blend;

        // The expected error: the final prediction's errors around (weights 2, 1) plus, after the first
        // channel, the earlier channels' errors at this pixel, which say how surprising this pixel is.
        int expected = errorSum / 2;
        for (int c = 0; c < channel; c++)
            expected += Math.Abs(signedHere[c]) * 2 / (channel - c + 1);
        if (!hasN && !hasW)
            expected = ErrorBucketLimits[^1] + 1;
        int bucket = ContextMath.Bucket(expected, ErrorBucketLimits);

        int texture = (here.N << Fraction > blend ? 1 : 0) | (here.W << Fraction > blend ? 2 : 0)
                    | (here.NW << Fraction > blend ? 4 : 0) | (here.NE << Fraction > blend ? 8 : 0);
        _biasContext = (channel * ErrorBuckets + bucket) * TexturePatterns + texture;
        int count = _biasCounts[_biasContext];
        if (count > 0)
            blend += _biasSums[_biasContext] / count;

        _blend = Math.Clamp(blend, 0, MaxPrediction);
        _predicted = (_blend + One / 2) >> Fraction;
        _mirrored = _blend < _predicted << Fraction;
        int coarse = channel * CoarseBuckets + bucket / 2;
        _mixerContext = channel;
        _treeContexts[0] = channel * ErrorBuckets + bucket;
        _treeContexts[1] = coarse * TexturePatterns + (_mirrored ? 15 - texture : texture);
        // How the previous channel here (the west neighbour for the first) missed, on the leaning side.
        int earlier = channel > 0 ? signedHere[channel - 1] : (hasW ? _signedErrors[y % rings][(x - 1) * channels + channel] : 0);
        _treeContexts[2] = coarse * EarlierErrorClasses + ErrorClass(_mirrored ? -earlier : earlier);
        // Where the fastest NLMS predictor would put the value, against the prediction, on the leaning side.
        int disagreement = _predictions[_predictorCount - NlmsRateShifts.Length] - (_predicted << Fraction);
        _treeContexts[3] = coarse * EarlierErrorClasses + ErrorClass(_mirrored ? -disagreement : disagreement);
        // The shape of the neighbourhood, as in JPEG-LS: three local gradients, five levels each.
        _treeContexts[4] = channel * GradientShapes + (Gradient(here.NE - here.N) * 5 + Gradient(here.N - here.NW)) * 5 + Gradient(here.NW - here.W);
    }

    // The NLMS predictors learn the difference from the gradient predictor, from the neighbours (as
    // differences from it too) and, for every earlier channel at this pixel, how it moved from its
    // own neighbours; they take the last slots of the prediction list.
    private void PredictWithNlms(Neighbours here, int channel, int x, int y)
    {
        _nlmsBase = _predictions[2];
        Span<int> inputs = _nlms[channel][0].Inputs;
        inputs[0] = (here.N << Fraction) - _nlmsBase;
        inputs[1] = (here.W << Fraction) - _nlmsBase;
        inputs[2] = (here.NW << Fraction) - _nlmsBase;
        inputs[3] = (here.NE << Fraction) - _nlmsBase;
        inputs[4] = (here.WW << Fraction) - _nlmsBase;
        inputs[5] = (here.NN << Fraction) - _nlmsBase;
        inputs[6] = (here.NNE << Fraction) - _nlmsBase;
        int count = NlmsSpatialInputs;
        for (int r = 0; r < channel; r++)
        {
            Neighbours earlier = Neighbours.Of(_decoded, _position, x, y, _shape.Width, _shape.Channels, r - channel);
            int value = _decoded[_position + r - channel];
            inputs[count++] = (value - Math.Clamp(earlier.W + earlier.N - earlier.NW, 0, 255)) << Fraction;
            inputs[count++] = (value - earlier.N) << Fraction;
            inputs[count++] = (value - earlier.W) << Fraction;
        }
        int first = _predictorCount - NlmsRateShifts.Length;
        for (int k = 0; k < NlmsRateShifts.Length; k++)
        {
            NlmsPredictor nlms = _nlms[channel][k];
            if (k > 0)
                inputs.Slice(0, count).CopyTo(nlms.Inputs);
            _predictions[first + k] = Clamp(_nlmsBase + nlms.Predict(count));
        }
    }

    // The spatial predictors over one set of neighbours, in 1/16 level, plus an offset (the earlier
    // channel's value where the neighbours are differences).
    private static void Spatial(Neighbours p, int offset, Span<int> predictions)
    {
        predictions[0] = Clamp(offset + (p.W << Fraction));
        predictions[1] = Clamp(offset + (p.N << Fraction));
        predictions[2] = Clamp(offset + ((p.W + p.N - p.NW) << Fraction));
        predictions[3] = Clamp(offset + ((p.N + p.NE - p.NNE) << Fraction));
        predictions[4] = Clamp(offset + ((p.W + p.NE) << (Fraction - 1)));
        predictions[5] = Clamp(offset + (p.W << Fraction) + ((p.NE - p.NW) << (Fraction - 1)));
        predictions[6] = Clamp(offset + ((3 * (p.W + p.N) - 2 * p.NW - p.WW - p.NN + p.NE) << (Fraction - 2)));
    }

    private static int Clamp(int prediction) => Math.Clamp(prediction, 0, MaxPrediction);

    private static int Gradient(int d) => d < -8 ? 0 : d < -1 ? 1 : d <= 1 ? 2 : d <= 8 ? 3 : 4;

    // Classes of a signed error (1/16 level): within half a level, then +-1.5, +-4, +-10 levels and beyond.
    private static int ErrorClass(int error)
    {
        int magnitude = Math.Abs(error);
        int m = magnitude < 8 ? 0 : magnitude < 24 ? 1 : magnitude < 64 ? 2 : magnitude < 160 ? 3 : 4;
        return error < 0 ? 4 - m : 4 + m;
    }

    // Where a context starts: a two-sided geometric distribution over ranks, about as wide as error
    // bucket b's errors; decay factors are rationals so the masses are exact integers.
    private static long[] Prior(int bucket)
    {
        int limit = bucket < ErrorBucketLimits.Length ? ErrorBucketLimits[bucket] : 2 * ErrorBucketLimits[^1];
        int spread = 1 + limit / (10 * One);
        var mass = new long[FrequencyTable.Symbols];
        long weight = 1L << 40;
        for (int u = 0; u < FrequencyTable.Symbols; u++)
        {
            mass[u] = weight;
            if (u % 2 == 0)
                weight = weight * spread / (spread + 1);
        }
        return mass;
    }

    // The decoded neighbours of a sub-pixel in one channel (offset -1: the previous channel), with the
    // image's edges filled from the nearest neighbour that exists (128 before anything is decoded).
    private readonly record struct Neighbours(int W, int N, int NW, int NE, int WW, int NN, int NNE)
    {
        public static Neighbours Of(byte[] decoded, int position, int x, int y, int width, int channels, int offset)
        {
            int here = position + offset, stride = width * channels;
            if (y == 0)
            {
                int w0 = x > 0 ? decoded[here - channels] : 128;
                int ww0 = x > 1 ? decoded[here - 2 * channels] : w0;
                return new Neighbours(w0, w0, w0, w0, ww0, w0, w0);
            }
            int n = decoded[here - stride];
            int w = x > 0 ? decoded[here - channels] : n;
            int nw = x > 0 ? decoded[here - stride - channels] : n;
            int ne = x + 1 < width ? decoded[here - stride + channels] : n;
            int ww = x > 1 ? decoded[here - 2 * channels] : w;
            int nn = y > 1 ? decoded[here - 2 * stride] : n;
            int nne = y > 1 && x + 1 < width ? decoded[here - 2 * stride + channels] : ne;
            return new Neighbours(w, n, nw, ne, ww, nn, nne);
        }

        public Neighbours Minus(Neighbours o) => new(W - o.W, N - o.N, NW - o.NW, NE - o.NE, WW - o.WW, NN - o.NN, NNE - o.NNE);
    }
}
