namespace PixelCodec.Engine;

/// <summary>
/// One integer layer: output o = requantise(bias[o] + sum_k weights[o, k] * input[k]), where input is
/// the layer's gathered input vector (every tap of every source, in the order its
/// <see cref="ConvInput"/> lists them). Weights are int16 (export keeps them within +-1023 so sums
/// of realistic length cannot overflow); the accumulator is int32; requantisation is
/// (acc * multiplier + 2^(shift-1)) >> shift in int64, i.e. acc * multiplier / 2^shift rounded half up.
///
/// Masked inputs are zero weights. Export orders each layer's inputs so that the inputs a colour group
/// cannot see come last; each output row then multiplies only up to its last non-zero weight.
/// </summary>
public sealed class QuantizedConv
{
    private readonly short[] _weights;      // Outputs x PaddedInputs, zero beyond Inputs
    private readonly int[] _usedLength;     // per row: a multiple of the alignment covering every non-zero weight
    private readonly int[] _bias;
    private readonly int[] _multiplier;
    private readonly int[] _shift;

    /// <summary>
    /// A layer of <paramref name="outputs"/> x <paramref name="inputs"/> weights (row-major, copied) and
    /// one bias, multiplier and shift per output row (the arrays are kept, not copied).
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match the shape, a multiplier is negative, or a shift is outside 1 to 62.</exception>
    public QuantizedConv(int outputs, int inputs, ReadOnlySpan<short> weights, int[] bias, int[] multiplier, int[] shift)
    {
        if (outputs <= 0 || inputs <= 0 || weights.Length != (long)outputs * inputs || bias.Length != outputs || multiplier.Length != outputs || shift.Length != outputs)
            throw new ArgumentException($"a {outputs} x {inputs} layer needs {outputs * inputs} weights and {outputs} biases, multipliers and shifts");
        for (int o = 0; o < outputs; o++)
            if (multiplier[o] < 0 || shift[o] is < 1 or > 62)
                throw new ArgumentException($"row {o} has requantisation {multiplier[o]} >> {shift[o]}; the multiplier must be >= 0 and the shift 1 to 62");
        Outputs = outputs;
        Inputs = inputs;
        PaddedInputs = PadToAlignment(inputs);
        _weights = new short[outputs * PaddedInputs];
        _usedLength = new int[outputs];
        for (int o = 0; o < outputs; o++)
        {
            ReadOnlySpan<short> row = weights.Slice(o * inputs, inputs);
            row.CopyTo(_weights.AsSpan(o * PaddedInputs));
            _usedLength[o] = PadToAlignment(row.LastIndexOfAnyExcept((short)0) + 1);
        }
        _bias = bias;
        _multiplier = multiplier;
        _shift = shift;
    }

    /// <summary>Output rows.</summary>
    public int Outputs { get; }

    /// <summary>Length of the gathered input vector, before padding.</summary>
    public int Inputs { get; }

    /// <summary>Length of the input vector <see cref="Accumulate"/> takes: <see cref="Inputs"/> rounded up, the rest zero.</summary>
    public int PaddedInputs { get; }

    /// <summary>The <see cref="Inputs"/> weights of output row <paramref name="row"/>.</summary>
    public ReadOnlySpan<short> Weights(int row) => _weights.AsSpan(row * PaddedInputs, Inputs);

    /// <summary>Per output row: the int32 bias the accumulator starts from.</summary>
    public ReadOnlySpan<int> Bias => _bias;

    /// <summary>Per output row: the requantisation multiplier, at least 0.</summary>
    public ReadOnlySpan<int> Multiplier => _multiplier;

    /// <summary>Per output row: the requantisation shift, 1 to 62.</summary>
    public ReadOnlySpan<int> Shift => _shift;

    /// <summary><paramref name="length"/> rounded up to a whole number of the dot product's 32-lane blocks.</summary>
    public static int PadToAlignment(int length) => (length + DotProduct.Alignment - 1) / DotProduct.Alignment * DotProduct.Alignment;

    /// <summary>The accumulator of output row <paramref name="row"/> for the gathered <paramref name="input"/> (PaddedInputs long).</summary>
    private int Accumulate(int row, ReadOnlySpan<short> input)
    {
        int length = _usedLength[row];
        return unchecked(_bias[row] + DotProduct.Compute(_weights.AsSpan(row * PaddedInputs, length), input[..length]));
    }

    /// <summary>Output row <paramref name="row"/> in its output format, before any clamping.</summary>
    public long Output(int row, ReadOnlySpan<short> input) => Requantize(row, Accumulate(row, input));

    /// <summary>Output rows <paramref name="row"/> + k <paramref name="rowStep"/>, k = 0 to 3, for one gathered <paramref name="input"/> (an LSTM's four gates of one channel), in one pass over it.</summary>
    public void Output4(int row, int rowStep, ReadOnlySpan<short> input, Span<long> outputs)
    {
        Span<int> sums = stackalloc int[4];
        int length = 0;
        for (int k = 0; k < 4; k++)
            length = Math.Max(length, _usedLength[row + k * rowStep]);
        DotProduct.Compute4x1(_weights.AsSpan(row * PaddedInputs), rowStep * PaddedInputs, input, length, sums);
        for (int k = 0; k < 4; k++)
            outputs[k] = Requantize(row + k * rowStep, unchecked(_bias[row + k * rowStep] + sums[k]));
    }

    /// <summary>Output rows <paramref name="rowStart"/> to <paramref name="rowEnd"/> - 1 for one gathered <paramref name="input"/>: <see cref="Output"/> of each, four rows to a pass over the input.</summary>
    public void OutputRange(int rowStart, int rowEnd, ReadOnlySpan<short> input, Span<long> outputs)
    {
        Span<int> sums = stackalloc int[4];
        int row = rowStart;
        for (; row + 4 <= rowEnd; row += 4)
        {
            int length = Math.Max(Math.Max(_usedLength[row], _usedLength[row + 1]), Math.Max(_usedLength[row + 2], _usedLength[row + 3]));
            DotProduct.Compute4x1(_weights.AsSpan(row * PaddedInputs), PaddedInputs, input, length, sums);
            for (int i = 0; i < 4; i++)
                outputs[row - rowStart + i] = Requantize(row + i, unchecked(_bias[row + i] + sums[i]));
        }
        for (; row < rowEnd; row++)
            outputs[row - rowStart] = Output(row, input);
    }

    /// <summary>
    /// Output rows <paramref name="rowStart"/> to <paramref name="rowEnd"/> - 1 at each of <paramref name="positions"/>
    /// gathered inputs (<paramref name="inputs"/>: positions x PaddedInputs) into <paramref name="outputs"/>
    /// (positions x rows). The same numbers as <see cref="Output"/>, computed a block of positions at a
    /// time so that each weight row is read once per block rather than once per position; on the
    /// installed <see cref="MatrixDevices.Current"/> where there is one and it takes the product.
    /// </summary>
    public void OutputRows(int rowStart, int rowEnd, ReadOnlySpan<short> inputs, int positions, Span<long> outputs)
    {
        if (MatrixDevices.Current is { } device && device.TryOutputRows(this, rowStart, rowEnd, inputs, positions, outputs))
            return;
        OutputRowsOnCpu(rowStart, rowEnd, inputs, positions, outputs);
    }

    private void OutputRowsOnCpu(int rowStart, int rowEnd, ReadOnlySpan<short> inputs, int positions, Span<long> outputs)
    {
        const int block = 16;
        int rows = rowEnd - rowStart;
        Span<int> sums = stackalloc int[8];
        // Whole blocks of four positions two rows at a time (DotProduct.Compute2x4); the last one to
        // three positions four rows per pass over each (DotProduct.Compute4x1).
        int blocked = positions / 4 * 4;
        for (int p = blocked; p < positions; p++)
            OutputRange(rowStart, rowEnd, inputs.Slice(p * PaddedInputs, PaddedInputs), outputs.Slice(p * rows, rows));
        for (int first = 0; first < blocked; first += block)
        {
            int last = Math.Min(first + block, blocked);
            int row = rowStart;
            for (; row + 2 <= rowEnd; row += 2)
            {
                int length = Math.Max(_usedLength[row], _usedLength[row + 1]);
                ReadOnlySpan<short> w0 = _weights.AsSpan(row * PaddedInputs, PaddedInputs), w1 = _weights.AsSpan((row + 1) * PaddedInputs, PaddedInputs);
                int p = first;
                var scale0 = new RowScale(this, row);
                var scale1 = new RowScale(this, row + 1);
                for (; p < last; p += 4)
                {
                    DotProduct.Compute2x4(w0, w1, inputs[(p * PaddedInputs)..], PaddedInputs, length, sums);
                    Span<long> target = outputs.Slice(p * rows + row - rowStart);
                    for (int q = 0; q < 4; q++)
                    {
                        target[q * rows] = scale0.Apply(sums[q]);
                        target[q * rows + 1] = scale1.Apply(sums[4 + q]);
                    }
                }
            }
            for (; row < rowEnd; row++)
                for (int p = first; p < last; p++)
                    outputs[p * rows + row - rowStart] = Output(row, inputs.Slice(p * PaddedInputs, PaddedInputs));
        }
    }

    /// <summary>Output row <paramref name="row"/>'s requantisation of <paramref name="accumulator"/>: (acc * multiplier + 2^(shift-1)) >> shift in int64.</summary>
    public long Requantize(int row, int accumulator) => new RowScale(this, row).Requantize(accumulator);

    // One output row's bias and requantisation, read once for the many positions a block computes.
    private readonly struct RowScale(QuantizedConv conv, int row)
    {
        private readonly int _bias = conv._bias[row];
        private readonly long _multiplier = conv._multiplier[row];
        private readonly long _half = 1L << (conv._shift[row] - 1);
        private readonly int _shift = conv._shift[row];

        public long Requantize(int accumulator) => ((long)accumulator * _multiplier + _half) >> _shift;

        // The output for a dot product: the bias added (wrapping, as every int32 sum of the engine), requantised.
        public long Apply(int sum) => Requantize(unchecked(_bias + sum));
    }
}
