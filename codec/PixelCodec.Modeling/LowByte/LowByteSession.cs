using PixelCodec.Entropy;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Modeling.LowByte;

// Read me first.
//
// The low byte of a 16-bit sample is coded once the whole plane's high bytes are known. Most
// 16-bit images were made from fewer bits: 8-bit values scaled by 257 (low byte = high byte), a
// 12-bit sensor's scaled by 65535/4095, 8-bit values averaged and scaled; such data uses only a few
// low bytes for each high byte, at offsets from it that repeat from one high byte to the next. So
// the distribution is a ResidualTree whose ranks count from the high byte itself (the value 8-bit
// data scaled by 257 would have), and its questions mix adaptive probabilities under four contexts:
//   - the channel alone: which offsets from the high byte occur at all (learnt in a few samples);
//   - the high byte (per channel): which low bytes occur with it;
//   - where the neighbours put the sample: the median edge predictor of LOCO-I over the full 16-bit
//     values W, N, NW (decoded), as an offset from the high byte in steps of 16 (or below or above
//     this high byte's range), with the local activity (the 16-bit gradients, 6 classes);
//   - the high byte with a coarse place of that prediction (below, four quarters, above).
// The mixer's weights are chosen by channel and activity. Integers throughout, in a fixed order.
internal sealed class LowByteSession : IDecoderSession
{
    public const int MaxChannels = 4;

    private const int HighBytes = 256;
    private const int Places = 34;
    private const int CoarsePlaces = 6;
    private static readonly int[] ActivityLimits = [32, 128, 512, 2048, 8192];
    private static readonly int Activities = ActivityLimits.Length + 1;

    // One uniform start for every context: the same array each time, so the tree computes it once.
    private static readonly long[] Uniform = [.. Enumerable.Repeat(1L << 20, FrequencyTable.Symbols)];

    private readonly PlaneShape _shape;
    private readonly ReadOnlyMemory<byte> _high;
    private readonly byte[] _decoded;
    private readonly ResidualTree _tree;
    private readonly int[] _contexts = new int[4];
    private int _position;

    public LowByteSession(PlaneShape shape, ReadOnlyMemory<byte> high)
    {
        _shape = shape;
        _high = high;
        _decoded = new byte[shape.SubpixelCount];
        int channels = shape.Channels;
        _tree = new ResidualTree(
            [channels, channels * HighBytes, channels * Activities * Places, channels * HighBytes * CoarsePlaces],
            mixerContexts: channels * Activities,
            (_, _) => Uniform);
    }

    public void NextTable(Span<ushort> table)
    {
        if (_position >= _decoded.Length)
            throw new InvalidOperationException("every sub-pixel of the plane has been coded");
        int channels = _shape.Channels, width = _shape.Width;
        int pixel = _position / channels;
        int channel = _position - pixel * channels;
        int x = pixel % width, y = pixel / width;
        ReadOnlySpan<byte> high = _high.Span;
        int h = high[_position];

        int w, n, nw, ne;
        if (y == 0)
        {
            w = x > 0 ? Value(high, _position - channels) : (h << 8) | 0x80;
            n = nw = ne = w;
        }
        else
        {
            int above = _position - _shape.Stride;
            n = Value(high, above);
            ne = x + 1 < width ? Value(high, above + channels) : n;
            w = x > 0 ? Value(high, _position - channels) : n;
            nw = x > 0 ? Value(high, above - channels) : n;
        }
        int offset = ContextMath.MedianEdge(w, n, nw) - (h << 8);
        int place = offset < 0 ? 0 : offset > 255 ? Places - 1 : 1 + ((offset - h + 256) >> 4);
        int coarse = offset < 0 ? 0 : offset > 255 ? CoarsePlaces - 1 : 1 + (offset >> 6);
        int activity = ContextMath.Bucket(Math.Abs(n - nw) + Math.Abs(w - nw) + Math.Abs(ne - n), ActivityLimits);

        _contexts[0] = channel;
        _contexts[1] = channel * HighBytes + h;
        _contexts[2] = (channel * Activities + activity) * Places + place;
        _contexts[3] = (channel * HighBytes + h) * CoarsePlaces + coarse;
        _tree.Table(_contexts, channel * Activities + activity, predicted: h, mirrored: false, table);
    }

    public void Observe(byte value)
    {
        _tree.Update(value);
        _decoded[_position++] = value;
    }

    private int Value(ReadOnlySpan<byte> high, int at) => (high[at] << 8) | _decoded[at];

}
