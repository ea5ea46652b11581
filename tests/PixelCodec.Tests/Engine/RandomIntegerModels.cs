using PixelCodec.Engine;

namespace PixelCodec.Tests.Engine;

/// <summary>Integer models with random weights that respect the masks of <see cref="ModelLayout"/>.</summary>
internal static class RandomIntegerModels
{
    public static IntegerModel Create(Architecture architecture, int hidden, int layers, int head, int seed, Func<ConvLayout, int, int, bool>? extraVisible = null)
    {
        var random = new Random(seed);
        var convs = new Dictionary<string, QuantizedConv>();
        foreach (ConvLayout layout in ModelLayout.Convs(architecture, hidden, layers, head))
        {
            int outputs = layout.Outputs, inputs = layout.Inputs;
            var weights = new short[outputs * inputs];
            for (int o = 0; o < outputs; o++)
                for (int k = 0; k < inputs; k++)
                    if (layout.Visible(o, k) || extraVisible?.Invoke(layout, o, k) == true)
                        weights[o * inputs + k] = (short)random.Next(-1023, 1024);
            int shift = 24 + (int)(0.5 * Math.Log2(inputs));
            convs[layout.Name] = new QuantizedConv(outputs, inputs, weights,
                [.. Enumerable.Range(0, outputs).Select(_ => random.Next(-1 << 20, 1 << 20))],
                [.. Enumerable.Range(0, outputs).Select(_ => random.Next(1 << 14, 1 << 15))],
                [.. Enumerable.Range(0, outputs).Select(_ => shift)]);
        }
        Dictionary<string, int[]> vectors = NonlinearityTables.Build();
        foreach ((string name, bool isCell) in ModelLayout.InitialStates(architecture, layers))
            vectors[name] = [.. Enumerable.Range(0, hidden).Select(_ => isCell ? random.Next(-4 << FixedPoint.CellBits, 4 << FixedPoint.CellBits) : random.Next(-32767, 32768))];
        return new IntegerModel(architecture, hidden, layers, head, new Dictionary<string, string> { ["origin"] = $"random, seed {seed}" }, convs, vectors);
    }
}
