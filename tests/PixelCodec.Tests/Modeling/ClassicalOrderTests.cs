using PixelCodec.Entropy;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Tests.Modeling;

/// <summary>
/// The classical models read only sub-pixels their order has already coded, in raster order and in
/// every wavefront: a session that sees the whole plane from the start (where a premature read would
/// find the real value rather than zero) gives exactly the tables of one that sees each value as it is
/// observed.
/// </summary>
public class ClassicalOrderTests
{
    public static TheoryData<string, int, int, int, int> Cases()
    {
        var data = new TheoryData<string, int, int, int, int>();
        foreach (string model in new[] { "baseline", "weighted" })
            foreach ((int band, int stagger) in new[] { (1, 1), (16, 4), (2, 1), (3, 2) })
                foreach ((int width, int channels) in new[] { (1, 3), (6, 1), (11, 3), (9, 4) })
                    data.Add(model, band, stagger, width, channels);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadOnlyWhatTheOrderHasCoded(string model, int band, int stagger, int width, int channels)
    {
        CodingOrder order = band == 1 ? CodingOrder.Raster : CodingOrder.Wavefront(band, stagger);
        var shape = new PlaneShape(width, 7, channels);
        byte[] plane = SmoothPlane(shape, seed: width + band);
        IDecoderSession Session(byte[]? decoded) => model == "baseline"
            ? new ContextModelSession(shape, order, decoded)
            : new WeightedPredictorSession(shape, order, decoded: decoded);
        IDecoderSession observing = Session(null), seeing = Session((byte[])plane.Clone());
        var a = new ushort[FrequencyTable.Symbols];
        var b = new ushort[FrequencyTable.Symbols];
        var tables = new HashSet<string>();
        for (OrderCursor cursor = order.Start(shape); !cursor.Done; cursor.Advance())
        {
            observing.NextTable(a);
            seeing.NextTable(b);
            Assert.True(a.AsSpan().SequenceEqual(b), $"{model}, {order}: channel {cursor.Channel} at ({cursor.Y}, {cursor.X}) read a sub-pixel not yet coded");
            tables.Add(Convert.ToHexString(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan())));
            observing.Observe(plane[cursor.Index]);
            seeing.Observe(plane[cursor.Index]);
        }
        // The tables follow the neighbours, so the agreement is not that of constant tables.
        Assert.True(tables.Count > shape.SubpixelCount / 2, $"only {tables.Count} distinct tables");
    }

    // A plane with structure, so that neighbours matter to the tables: a gradient plus noise.
    private static byte[] SmoothPlane(PlaneShape shape, int seed)
    {
        var random = new Random(seed);
        var plane = new byte[shape.SubpixelCount];
        for (int y = 0; y < shape.Height; y++)
            for (int x = 0; x < shape.Width; x++)
                for (int c = 0; c < shape.Channels; c++)
                    plane[(y * shape.Width + x) * shape.Channels + c] = (byte)Math.Clamp(20 * x + 15 * y + 30 * c + random.Next(-9, 10), 0, 255);
        return plane;
    }
}
