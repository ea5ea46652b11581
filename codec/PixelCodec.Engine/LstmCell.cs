namespace PixelCodec.Engine;

/// <summary>
/// One LSTM channel update in fixed point (gate order input, forget, output, cell candidate):
/// c' = sigmoid(f) c + sigmoid(i) tanh(g), h' = sigmoid(o) tanh(c').
/// Gates arrive in Q8, the tables give Q15, the cell is Q12 and the hidden state Q15; every product
/// is rounded half up by adding half before an arithmetic shift.
/// </summary>
internal static class LstmCell
{
    public static short Step(NonlinearityTables tables, long input, long forget, long output, long candidate, ref int cell)
    {
        int i = tables.Sigmoid[FixedPoint.GateIndex(input)];
        int f = tables.Sigmoid[FixedPoint.GateIndex(forget)];
        int o = tables.Sigmoid[FixedPoint.GateIndex(output)];
        int g = tables.Tanh[FixedPoint.GateIndex(candidate)];
        // Q15 x Q12 >> 15 = Q12; Q15 x Q15 >> 18 = Q12.
        long kept = ((long)f * cell + (1 << 14)) >> 15;
        long added = ((long)i * g + (1 << 17)) >> 18;
        cell = (int)Math.Clamp(kept + added, -FixedPoint.CellLimit, FixedPoint.CellLimit);
        return (short)((o * tables.Tanh[FixedPoint.CellIndex(cell)] + (1 << 14)) >> 15);
    }

    /// <summary>Hidden channels <paramref name="start"/> to <paramref name="end"/> - 1 from a gates layer (4h rows: input, forget, output, candidate) on a gathered input.</summary>
    public static void StepChannels(NonlinearityTables tables, QuantizedConv gates, ReadOnlySpan<short> input, int start, int end, Span<short> hidden, Span<int> cells)
    {
        int h = hidden.Length;
        Span<long> g = stackalloc long[4];
        for (int j = start; j < end; j++)
        {
            gates.Output4(j, h, input, g);
            hidden[j] = Step(tables, g[0], g[1], g[2], g[3], ref cells[j]);
        }
    }

    /// <summary>
    /// Gates rows of hidden channels <paramref name="start"/> to <paramref name="end"/> - 1 for several
    /// members' gathered inputs at once (<see cref="QuantizedConv.OutputRows"/>), into scratch result
    /// slots 0 to 3 (input, forget, output, candidate), member-major.
    /// </summary>
    public static void GatesTogether(QuantizedConv gates, int hidden, ReadOnlySpan<short> inputs, int members, int start, int end, BatchScratch scratch)
    {
        for (int gate = 0; gate < 4; gate++)
            gates.OutputRows(gate * hidden + start, gate * hidden + end, inputs, members, scratch.Results(gate, members * (end - start)));
    }

    /// <summary>Hidden channels <paramref name="start"/> to <paramref name="end"/> - 1 of member <paramref name="member"/> from <see cref="GatesTogether"/>'s results.</summary>
    public static void StepMember(NonlinearityTables tables, BatchScratch scratch, int members, int member, int start, int end, Span<short> hidden, Span<int> cells)
    {
        int count = end - start;
        ReadOnlySpan<long> i = scratch.Results(0, members * count), f = scratch.Results(1, members * count), o = scratch.Results(2, members * count), g = scratch.Results(3, members * count);
        for (int j = start; j < end; j++)
        {
            int k = member * count + j - start;
            hidden[j] = Step(tables, i[k], f[k], o[k], g[k], ref cells[j]);
        }
    }

    /// <summary>Every hidden channel at column <paramref name="x"/> from a gates layer computed over a whole row.</summary>
    public static void StepChannels(NonlinearityTables tables, RowConv gates, int x, Span<short> hidden, Span<int> cells)
    {
        int h = hidden.Length;
        ReadOnlySpan<long> results = gates.Results(x);
        ReadOnlySpan<long> i = results[..h], f = results.Slice(h, h), o = results.Slice(2 * h, h), g = results.Slice(3 * h, h);
        for (int j = 0; j < h; j++)
            hidden[j] = Step(tables, i[j], f[j], o[j], g[j], ref cells[j]);
    }
}
