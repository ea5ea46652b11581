namespace PixelCodec.Modeling.Weighted;

/// <summary>
/// A normalised least-mean-squares predictor in integer arithmetic: it predicts a target from a few
/// inputs as sum(w_j x_j) / 2^16 and, once the target is known, moves every weight towards what would
/// have been right by 2^-<c>rateShift</c> of the error, normalised by the inputs' energy:
/// w_j += 2^-rateShift * error * x_j / (sum x_j^2 + 1). Weights adapt to the image in hand, so it
/// learns the image's own correlations (texture directions, how colours move together) that fixed
/// predictors miss. Every step is a fixed sequence of 64-bit integer operations.
/// </summary>
internal sealed class NlmsPredictor(int inputs, int rateShift)
{
    private const int WeightFraction = 16;
    private const int GainFraction = 20;

    private readonly long[] _weights = new long[inputs];
    private readonly int[] _inputs = new int[inputs];
    private int _count;
    private long _prediction;

    public Span<int> Inputs => _inputs.AsSpan(0, inputs);

    /// <summary>The prediction from the first <paramref name="count"/> inputs (the rest are taken as 0).</summary>
    public int Predict(int count)
    {
        _count = count;
        long sum = 0;
        for (int j = 0; j < count; j++)
            sum += _weights[j] * _inputs[j];
        _prediction = sum >> WeightFraction;
        return (int)Math.Clamp(_prediction, int.MinValue / 2, int.MaxValue / 2);
    }

    /// <summary>Learns from the target of the last prediction.</summary>
    public void Update(int target)
    {
        long error = Math.Clamp(target - _prediction, -1 << 14, 1 << 14);
        long energy = 1;
        for (int j = 0; j < _count; j++)
            energy += (long)_inputs[j] * _inputs[j];
        long gain = (error << (WeightFraction + GainFraction - rateShift)) / energy;
        for (int j = 0; j < _count; j++)
            _weights[j] += (gain * _inputs[j]) >> GainFraction;
    }
}
