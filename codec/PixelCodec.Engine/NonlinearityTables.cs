namespace PixelCodec.Engine;

/// <summary>
/// The lookup tables that stand in for sigmoid, tanh and exp. They are part of the model file (written
/// by export, see <see cref="Build"/>), never computed when a model is loaded: Math.Exp may round
/// differently on another machine, and a table read from the file cannot.
/// </summary>
internal sealed class NonlinearityTables
{
    public const string SigmoidName = "tables.sigmoid", TanhName = "tables.tanh", ExpName = "tables.exp";

    public NonlinearityTables(IntegerModel model)
    {
        Sigmoid = model.ShortVector(SigmoidName, FixedPoint.GateTableSize);
        Tanh = model.ShortVector(TanhName, FixedPoint.GateTableSize);
        Exp = model.Vector(ExpName, FixedPoint.ExpTableSize, 0, 1 << FixedPoint.ExpBits);
        if (Exp[0] != 1 << FixedPoint.ExpBits)
            throw new InvalidModelException($"{ExpName}[0] must be 2^{FixedPoint.ExpBits}");
    }

    /// <summary>sigmoid(i / 256 - 8) in Q15, for i in [0, 4096).</summary>
    public short[] Sigmoid { get; }

    /// <summary>tanh(i / 256 - 8) in Q15.</summary>
    public short[] Tanh { get; }

    /// <summary>exp(-d / 256) in Q24, for d in [0, 4096).</summary>
    public int[] Exp { get; }

    /// <summary>The three tables, as export writes them into a model.</summary>
    public static Dictionary<string, int[]> Build()
    {
        int[] sigmoid = new int[FixedPoint.GateTableSize], tanh = new int[FixedPoint.GateTableSize], exp = new int[FixedPoint.ExpTableSize];
        for (int i = 0; i < FixedPoint.GateTableSize; i++)
        {
            double z = (i - FixedPoint.GateLimit) / (double)(1 << FixedPoint.GateBits);
            sigmoid[i] = (int)Math.Min(Math.Round(32768 / (1 + Math.Exp(-z))), short.MaxValue);
            tanh[i] = (int)Math.Round(short.MaxValue * Math.Tanh(z));
        }
        for (int d = 0; d < FixedPoint.ExpTableSize; d++)
            exp[d] = (int)Math.Round((1 << FixedPoint.ExpBits) * Math.Exp(-d / (double)(1 << FixedPoint.LogitBits)));
        return new() { [SigmoidName] = sigmoid, [TanhName] = tanh, [ExpName] = exp };
    }
}
