namespace PixelCodec.Engine;

/// <summary>
/// The buffers networks decoded together (<see cref="IntegerNetwork.TablesTogether"/>) gather their
/// inputs into and compute into, grown as needed and reused by every layer at every step.
/// </summary>
internal sealed class BatchScratch
{
    private short[] _inputs = [];
    private readonly long[][] _results = [[], [], [], []];
    private StoredConv[] _convs = [];
    private IEngineLayer[] _layers = [];

    /// <summary>Room for the members' gathered inputs. What it held before is left in place: a layer's weights past its inputs are zero.</summary>
    public Span<short> Inputs(int length) => (_inputs.Length >= length ? _inputs : _inputs = new short[length]).AsSpan(0, length);

    /// <summary>One of four result buffers (an LSTM's four gates need all four at once).</summary>
    public Span<long> Results(int slot, int length) => (_results[slot].Length >= length ? _results[slot] : _results[slot] = new long[length]).AsSpan(0, length);

    public StoredConv[] Convs(int count) => _convs.Length >= count ? _convs : _convs = new StoredConv[count];

    public IEngineLayer[] Layers(int count) => _layers.Length >= count ? _layers : _layers = new IEngineLayer[count];
}
