using PixelCodec.Modeling;

namespace PixelCodec.Engine;

/// <summary>An integer PixelRNN as the codec's probability model for RGB planes; its identity is the SHA-256 of its file.</summary>
public sealed class NeuralModel : IProbabilityModel
{
    private readonly IntegerModel _model;

    public NeuralModel(string name, ReadOnlySpan<byte> modelFile)
    {
        _model = IntegerModelFile.Read(modelFile);
        _ = new IntegerNetwork(_model, width: 1);   // checks every part the architecture needs, now rather than mid-file
        Identity = ModelIdentity.OfFile(name, modelFile);
    }

    public ModelIdentity Identity { get; }

    public IntegerModel Model => _model;

    public bool SupportsChannels(int channels) => channels == 3;

    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) => new EncoderPass(new IntegerNetwork(_model, shape.Width), plane, shape);

    public IDecoderSession BeginDecoding(PlaneShape shape) => new DecoderSession(new IntegerNetwork(_model, shape.Width));

    private sealed class EncoderPass(IntegerNetwork network, ReadOnlyMemory<byte> plane, PlaneShape shape) : IEncoderPass
    {
        private int _nextRow;

        public void TablesForRow(int y, Span<ushort> tables)
        {
            if (y != _nextRow)
                throw new InvalidOperationException($"rows must be asked for in order: expected {_nextRow}, got {y}");
            network.EncodeRow(y, plane.Span.Slice(y * shape.Stride, shape.Stride), tables);
            _nextRow++;
        }
    }

    private sealed class DecoderSession(IntegerNetwork network) : IDecoderSession
    {
        private int _y, _x, _channel;

        public void NextTable(Span<ushort> table) => network.Table(_y, _x, _channel, table);

        public void Observe(byte value)
        {
            network.Observe(_y, _x, _channel, value);
            if (++_channel < 3)
                return;
            _channel = 0;
            if (++_x < network.Width)
                return;
            _x = 0;
            _y++;
        }
    }
}
