using PixelCodec.Modeling;

namespace PixelCodec.Engine;

/// <summary>
/// The Multi-Scale PixelRNN's map of the subsample, as its conditional network's layers read it
/// (training/native/networks.cpp, ConditionNetwork): two 3x3 convolutions with ReLU over the
/// subsample (zero outside it), then a 2x2 stride-2 deconvolution with ReLU, which the float model
/// holds as a 1x1 convolution to 4c channels before a pixel shuffle: channel k of the map at (y, x)
/// is output 4k + 2 (y mod 2) + (x mod 2) of that convolution at subsample pixel (y / 2, x / 2).
/// The subsample is known whole before the image is coded, so its features are computed once
/// (<see cref="Condition"/>); the map is written a row at a time (<see cref="BeginRow"/>) into
/// <see cref="Rows"/>, where the layers gather it like any other input.
/// </summary>
internal sealed class ConditionMap
{
    public const string Small0 = "condition.small0", Small1 = "condition.small1", Up = "condition.up";
    private static readonly (int Dy, int Dx)[] KernelTaps = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)];

    private readonly QuantizedConv _small0, _small1, _up;
    private readonly ActivationRange? _small0Range, _small1Range, _upRange;
    private readonly int _channels, _width, _subsampleWidth;
    private readonly short[] _upRow;        // the deconvolution's 4c outputs at every pixel of one subsample row
    private readonly short[] _upInput;
    private readonly long[] _upResults;
    private short[]? _features;              // small1's outputs over the whole subsample
    private int _upRowOf = -1;

    public ConditionMap(IntegerModel model, int channels, int width, ActivationRanges? ranges)
    {
        _channels = channels;
        _width = width;
        _subsampleWidth = Subsample.Side(width);
        _small0 = model.Conv(Small0, channels, KernelTaps.Length * 3);
        _small1 = model.Conv(Small1, channels, KernelTaps.Length * channels);
        _up = model.Conv(Up, 4 * channels, channels);
        _small0Range = ranges?.For(Small0);
        _small1Range = ranges?.For(Small1);
        _upRange = ranges?.For(Up);
        _upRow = new short[_subsampleWidth * 4 * channels];
        _upInput = new short[_up.PaddedInputs];
        _upResults = new long[4 * channels];
        Rows = new FeatureRows(width, channels, rowCount: 1, padding: 0);
    }

    /// <summary>The integer layers of a condition map of <paramref name="channels"/> channels, in the order they run.</summary>
    public static IEnumerable<ConvLayout> Layouts(int channels)
    {
        yield return Layout(Small0, channels, [.. KernelTaps.Select(t => new InputSegment(3, 3, CentreMask.None, ModelLayout.Image, FloatTap.Kernel($"{Small0}.weight", t.Dy + 1, t.Dx + 1)))]);
        yield return Layout(Small1, channels, [.. KernelTaps.Select(t => new InputSegment(channels, channels, CentreMask.None, Small0, FloatTap.Kernel($"{Small1}.weight", t.Dy + 1, t.Dx + 1)))]);
        yield return Layout(Up, 4 * channels, [new InputSegment(channels, channels, CentreMask.None, Small1, FloatTap.Kernel($"{Up}.weight", 0, 0))]);
    }

    private static ConvLayout Layout(string name, int outputs, IReadOnlyList<InputSegment> segments) =>
        new(name, outputs, outputs, segments, name, [$"{name}.bias"]);

    /// <summary>Where the layers read the map: row y holds it once <see cref="BeginRow"/>(y) has run.</summary>
    public FeatureRows Rows { get; }

    /// <summary>
    /// Takes the subsample of the image about to be coded (<see cref="Subsample.Of"/>: RGB, rows of
    /// <see cref="Subsample.Side"/>(width) pixels) and computes its features.
    /// </summary>
    /// <exception cref="ArgumentException">The subsample is not whole rows of that width, or is empty.</exception>
    public void Condition(ReadOnlySpan<byte> subsample)
    {
        int stride = 3 * _subsampleWidth;
        if (subsample.Length == 0 || subsample.Length % stride != 0)
            throw new ArgumentException($"a subsample of an image {_width} pixels wide has rows of {stride} bytes; got {subsample.Length} bytes", nameof(subsample));
        int height = subsample.Length / stride;
        var image = new short[subsample.Length];
        for (int i = 0; i < image.Length; i++)
            image[i] = IntegerNetwork.ImageValue(subsample[i]);
        short[] first = Convolve3x3(_small0, image, 3, height, _small0Range);
        _features = Convolve3x3(_small1, first, _channels, height, _small1Range);
        _upRowOf = -1;
    }

    /// <summary>Writes row <paramref name="y"/> of the map into <see cref="Rows"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Condition"/> has not been given the subsample.</exception>
    public void BeginRow(int y)
    {
        if (_features is null)
            throw new InvalidOperationException("a multi-scale network codes an image only given its subsample: call Condition first");
        int sy = y / 2;
        if (_upRowOf != sy)
        {
            ComputeUpRow(sy);
            _upRowOf = sy;
        }
        Rows.BeginRow(y);
        int parityRow = 2 * (y % 2), outputs = 4 * _channels;
        for (int x = 0; x < _width; x++)
        {
            Span<short> target = Rows.Write(y, x);
            ReadOnlySpan<short> source = _upRow.AsSpan(x / 2 * outputs, outputs);
            int parity = parityRow + x % 2;
            for (int k = 0; k < _channels; k++)
                target[k] = source[4 * k + parity];
        }
    }

    private void ComputeUpRow(int sy)
    {
        int outputs = 4 * _channels;
        for (int sx = 0; sx < _subsampleWidth; sx++)
        {
            _features.AsSpan((sy * _subsampleWidth + sx) * _channels, _channels).CopyTo(_upInput);
            _up.OutputRange(0, outputs, _upInput, _upResults);
            for (int o = 0; o < outputs; o++)
                _upRow[sx * outputs + o] = ActivationStore.Saturate(Math.Max(_upResults[o], 0), _upRange);
        }
    }

    // A 3x3 convolution with ReLU over a [height, subsample width, channels] map, zero outside it.
    private short[] Convolve3x3(QuantizedConv conv, short[] source, int channels, int height, ActivationRange? range)
    {
        int width = _subsampleWidth, outputs = conv.Outputs;
        var result = new short[height * width * outputs];
        var input = new short[conv.PaddedInputs];
        var values = new long[outputs];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                for (int t = 0; t < KernelTaps.Length; t++)
                {
                    int sy = y + KernelTaps[t].Dy, sx = x + KernelTaps[t].Dx;
                    Span<short> target = input.AsSpan(t * channels, channels);
                    if (sy < 0 || sy >= height || sx < 0 || sx >= width)
                        target.Clear();
                    else
                        source.AsSpan((sy * width + sx) * channels, channels).CopyTo(target);
                }
                conv.OutputRange(0, outputs, input, values);
                for (int o = 0; o < outputs; o++)
                    result[(y * width + x) * outputs + o] = ActivationStore.Saturate(Math.Max(values[o], 0), range);
            }
        return result;
    }
}
