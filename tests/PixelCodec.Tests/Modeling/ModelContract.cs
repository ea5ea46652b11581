using PixelCodec.Entropy;
using PixelCodec.Modeling;

namespace PixelCodec.Tests.Modeling;

/// <summary>
/// The contract every probability model must keep: valid tables, and the decoder session yields
/// exactly the tables of the encoder pass when told the same values.
/// </summary>
internal static class ModelContract
{
    /// <summary>What the model's tables (from its encoder pass) say the plane costs, in bits per sub-pixel.</summary>
    public static double BitsPerSubpixel(IProbabilityModel model, byte[] plane, PlaneShape shape)
    {
        IEncoderPass pass = model.BeginEncoding(plane, shape);
        var tables = new ushort[shape.Stride * FrequencyTable.Symbols];
        double bits = 0;
        for (int y = 0; y < shape.Height; y++)
        {
            pass.TablesForRow(y, tables);
            for (int i = 0; i < shape.Stride; i++)
                bits += FrequencyTable.IdealBits(tables.AsSpan(i * FrequencyTable.Symbols, FrequencyTable.Symbols), plane[y * shape.Stride + i]);
        }
        return bits / shape.SubpixelCount;
    }

    /// <summary>
    /// For a model whose tables do not depend on the order (a PixelRNN's): its session in
    /// <paramref name="order"/>, told the values in that order, gives at every sub-pixel the table the
    /// raster-order encoder pass gives there.
    /// </summary>
    public static void AssertOrderKeepsTables(IProbabilityModel model, byte[] plane, PlaneShape shape, CodingOrder order, int threads = 1)
    {
        IEncoderPass pass = model.BeginEncoding(plane, shape);
        var expected = new ushort[shape.SubpixelCount * FrequencyTable.Symbols];
        for (int y = 0; y < shape.Height; y++)
            pass.TablesForRow(y, expected.AsSpan(y * shape.Stride * FrequencyTable.Symbols, shape.Stride * FrequencyTable.Symbols));
        using IDecoderSession session = model.BeginDecoding(shape, order, threads);
        var table = new ushort[FrequencyTable.Symbols];
        for (OrderCursor cursor = order.Start(shape); !cursor.Done; cursor.Advance())
        {
            session.NextTable(table);
            Assert.True(expected.AsSpan(cursor.Index * FrequencyTable.Symbols, FrequencyTable.Symbols).SequenceEqual(table),
                $"{order}, {threads} thread(s): the table of channel {cursor.Channel} at ({cursor.Y}, {cursor.X}) differs from raster order's");
            session.Observe(plane[cursor.Index]);
        }
    }

    public static void AssertEncoderMatchesDecoder(IProbabilityModel model, byte[] plane, PlaneShape shape)
    {
        IEncoderPass pass = model.BeginEncoding(plane, shape);
        IDecoderSession session = model.BeginDecoding(shape);
        var rowTables = new ushort[shape.Stride * FrequencyTable.Symbols];
        var table = new ushort[FrequencyTable.Symbols];
        for (int y = 0; y < shape.Height; y++)
        {
            pass.TablesForRow(y, rowTables);
            for (int i = 0; i < shape.Stride; i++)
            {
                ReadOnlySpan<ushort> expected = rowTables.AsSpan(i * FrequencyTable.Symbols, FrequencyTable.Symbols);
                FrequencyTable.Validate(expected);
                session.NextTable(table);
                Assert.True(expected.SequenceEqual(table), $"table of sub-pixel {i} of row {y} differs between encoder and decoder");
                session.Observe(plane[y * shape.Stride + i]);
            }
        }
    }
}
