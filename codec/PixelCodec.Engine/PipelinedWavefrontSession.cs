using System.Runtime.ExceptionServices;
using PixelCodec.Entropy;
using PixelCodec.Modeling;

namespace PixelCodec.Engine;

/// <summary>
/// A plane in a wavefront on two threads: a helper computes the network's trunk (every layer up to the
/// head's hidden layer, <see cref="IntegerNetwork.TrunkTogether"/>) while the caller's thread computes
/// the logits and softmax (<see cref="IntegerNetwork.HeadTogether"/>) and, above this session, the
/// classical experts, the blend and the range coder. The numbers are those of the one-thread session:
/// the same sums over the same inputs, only computed on two threads.
///
/// Why two threads can work at once: each group (one channel of the pixels of a step) is split into
/// two parts, the band's upper rows (place &lt; <c>band / 2</c>) and its lower rows. A pixel reads only
/// rows at or above its own, so the upper part of group g reads the upper parts of earlier groups and
/// never a lower part of this band. The helper may therefore compute the upper part of group g as
/// soon as the upper part of group g - 1 has been observed, while the caller decodes the lower part of
/// group g - 1. The first group of a band waits for everything before it (the band above is read whole,
/// and its feature-row slots are about to be reused). The helper runs the trunk of every part in the
/// order one thread would, so the network's recurrent state is updated in the same order.
///
/// The two threads share the network: the helper writes every feature map; the caller writes only the
/// decoded values (<see cref="IntegerNetwork.Observe"/>) and reads only the head's hidden features of
/// parts the helper has published. Progress is published with volatile writes of two counters.
/// </summary>
internal sealed class PipelinedWavefrontSession : IDecoderSession
{
    private readonly IntegerNetwork _network;
    private readonly PlaneShape _shape;
    private readonly CodingOrder _order;
    private readonly int _split;
    private readonly OrderCursor _cursor;
    private readonly BatchScratch _scratch = new();
    private readonly Thread _helper;
    private readonly IntegerNetwork[] _members;
    private readonly (int Y, int X)[] _at;
    private readonly ushort[] _tables;                // of the caller's part
    private int _partStart, _partEnd;   // the caller's part: places [_partStart, _partEnd) of the cursor's group
    private long _next;                 // sub-pixels the caller has observed (the index of the next)
    private long _observed;             // _next as the helper sees it
    private long _computed;             // sub-pixels whose trunk the helper has computed, in coding order
    private volatile bool _disposed;
    private volatile ExceptionDispatchInfo? _failure;

    public PipelinedWavefrontSession(IntegerNetwork network, PlaneShape shape, CodingOrder order)
    {
        _network = network;
        _shape = shape;
        _order = order;
        _split = Math.Max(1, order.Band / 2);
        _cursor = order.Start(shape);
        _members = [.. Enumerable.Repeat(network, order.Band)];
        _at = new (int, int)[order.Band];
        _tables = new ushort[order.Band * FrequencyTable.Symbols];
        _helper = new Thread(ComputeTrunks) { IsBackground = true, Name = "PixelCodec wavefront trunk" };
        _helper.Start();
    }

    public void NextTable(Span<ushort> table)
    {
        int place = _cursor.PlaceInGroup;
        if (place == 0 || place == _partEnd)
            StartPart(place);
        _tables.AsSpan((place - _partStart) * FrequencyTable.Symbols, FrequencyTable.Symbols).CopyTo(table);
    }

    public void Observe(byte value)
    {
        _network.Observe(_cursor.Y, _cursor.X, _cursor.Channel, value);
        _cursor.Advance();
        Volatile.Write(ref _observed, ++_next);
    }

    public void Dispose()
    {
        _disposed = true;
        _helper.Join();
    }

    // The caller's next part: waits for the helper's trunk of it, then computes its tables.
    private void StartPart(int place)
    {
        int count = _cursor.GroupCount, upper = UpperPlaces(_cursor.RowInBand - place, count);
        int end = place < upper ? upper : count, positions = end - place;
        long needed = _next + positions;
        var wait = new SpinWait();
        while (Volatile.Read(ref _computed) < needed)
        {
            _failure?.Throw();
            wait.SpinOnce(sleep1Threshold: -1);
        }
        for (int p = 0; p < positions; p++)
            _at[p] = _cursor.GroupPixel(place + p);
        IntegerNetwork.HeadTogether(_members.AsSpan(0, positions), _at.AsSpan(0, positions), _cursor.Channel, _tables, _scratch);
        (_partStart, _partEnd) = (place, end);
    }

    // Places of a group, whose first row is row `firstRow` of its band, that lie in the band's upper rows.
    private int UpperPlaces(int firstRow, int count) => Math.Clamp(_split - firstRow, 0, count);

    private void ComputeTrunks()
    {
        try
        {
            var scratch = new BatchScratch();
            IntegerNetwork[] members = [.. Enumerable.Repeat(_network, _order.Band)];
            var at = new (int Y, int X)[_order.Band];
            OrderCursor cursor = _order.Start(_shape);
            long groupStart = 0, previousStart = 0;
            int previousUpper = 0, bandTop = -1;
            while (!cursor.Done)
            {
                int count = cursor.GroupCount, firstRow = cursor.RowInBand, upper = UpperPlaces(firstRow, count);
                bool startsBand = cursor.Y - firstRow != bandTop;
                bandTop = cursor.Y - firstRow;
                for (int p = 0; p < count; p++)
                    at[p] = cursor.GroupPixel(p);
                // Upper part: needs the upper part of the group before observed (a band's first group: all before it).
                if (upper > 0)
                {
                    WaitForObserved(startsBand ? groupStart : previousStart + previousUpper);
                    IntegerNetwork.TrunkTogether(members.AsSpan(0, upper), at.AsSpan(0, upper), cursor.Channel, scratch);
                    Volatile.Write(ref _computed, groupStart + upper);
                }
                if (upper < count)
                {
                    WaitForObserved(groupStart);
                    IntegerNetwork.TrunkTogether(members.AsSpan(0, count - upper), at.AsSpan(upper, count - upper), cursor.Channel, scratch);
                    Volatile.Write(ref _computed, groupStart + count);
                }
                (previousStart, previousUpper) = (groupStart, upper);
                groupStart += count;
                for (int p = 0; p < count; p++)
                    cursor.Advance();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
    }

    private void WaitForObserved(long count)
    {
        var wait = new SpinWait();
        while (Volatile.Read(ref _observed) < count)
        {
            if (_disposed)
                throw new OperationCanceledException();
            wait.SpinOnce(sleep1Threshold: -1);
        }
    }
}
