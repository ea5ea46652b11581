using System.Buffers;
using PixelCodec.Entropy;
using PixelCodec.Modeling;

namespace PixelCodec.Container;

/// <summary>A coded plane and what its model said it should cost.</summary>
/// <param name="Bytes">The range-coder stream.</param>
/// <param name="IdealBits">Sum over its sub-pixels of -log2 of the model's probability: the length an ideal coder would reach.</param>
public sealed record CodedPlane(byte[] Bytes, double IdealBits);

/// <summary>Drives a probability model and the range coder over one plane.</summary>
public static class PlaneCoder
{
    /// <summary>Codes one plane (sub-pixels in raster, channel-interleaved order) into one range-coder stream.</summary>
    public static CodedPlane Encode(IProbabilityModel model, ReadOnlyMemory<byte> plane, PlaneShape shape, CodingProgress? progress = null)
    {
        var output = new ArrayBufferWriter<byte>();
        var encoder = new RangeEncoder(output);
        IEncoderPass pass = model.BeginEncoding(plane, shape);
        var tables = new ushort[shape.Stride * FrequencyTable.Symbols];
        double idealBits = 0;
        for (int y = 0; y < shape.Height; y++)
        {
            pass.TablesForRow(y, tables);
            ReadOnlySpan<byte> row = plane.Span.Slice(y * shape.Stride, shape.Stride);
            for (int i = 0; i < row.Length; i++)
            {
                ReadOnlySpan<ushort> table = tables.AsSpan(i * FrequencyTable.Symbols, FrequencyTable.Symbols);
                encoder.Encode(table, row[i]);
                idealBits += FrequencyTable.IdealBits(table, row[i]);
            }
            progress?.Add(row.Length);
        }
        encoder.Finish();
        return new CodedPlane(output.WrittenSpan.ToArray(), idealBits);
    }

    /// <summary>
    /// Codes one plane with its sub-pixels in <paramref name="order"/>, which the model supports. Outside
    /// raster order the encoder is the model's decoder session given the values it would decode
    /// (<see cref="IProbabilityModel.BeginDecoding(PlaneShape, CodingOrder)"/>): one code path, so encoder
    /// and decoder tables agree by construction.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="plane">The plane's sub-pixels, in raster layout.</param>
    /// <param name="shape">Its size and channels.</param>
    /// <param name="order">The order to code it in.</param>
    /// <param name="progress">Counts the sub-pixels coded.</param>
    /// <param name="threads">Threads for this plane (<see cref="IProbabilityModel.BeginDecoding(PlaneShape, CodingOrder, int)"/>); the bytes do not depend on it.</param>
    public static CodedPlane Encode(IProbabilityModel model, ReadOnlyMemory<byte> plane, PlaneShape shape, CodingOrder order, CodingProgress? progress = null, int threads = 1)
    {
        if (order.IsRaster)
            return Encode(model, plane, shape, progress);
        var output = new ArrayBufferWriter<byte>();
        var encoder = new RangeEncoder(output);
        using IDecoderSession session = model.BeginDecoding(shape, order, threads);
        Span<ushort> table = stackalloc ushort[FrequencyTable.Symbols];
        ReadOnlySpan<byte> values = plane.Span;
        double idealBits = 0;
        int coded = 0;
        for (OrderCursor cursor = order.Start(shape); !cursor.Done; cursor.Advance())
        {
            byte value = values[cursor.Index];
            session.NextTable(table);
            encoder.Encode(table, value);
            idealBits += FrequencyTable.IdealBits(table, value);
            session.Observe(value);
            if (++coded % shape.Stride == 0)
                progress?.Add(shape.Stride);
        }
        encoder.Finish();
        return new CodedPlane(output.WrittenSpan.ToArray(), idealBits);
    }

    /// <summary>Decodes one plane from its stream, table by table, each value observed before the next table.</summary>
    /// <param name="model">The model that coded it.</param>
    /// <param name="stream">The segment: one range-coder stream.</param>
    /// <param name="shape">The plane's size and channels.</param>
    /// <param name="plane">Receives the sub-pixels, in raster, channel-interleaved order.</param>
    /// <param name="trailingZerosBounded">The stream is of format version 2 or later: decoding stops with a <see cref="PrnnFormatException"/> as soon as it is over-read.</param>
    /// <param name="progress">Counts the sub-pixels decoded, a row's worth at a time.</param>
    /// <param name="order">The order its sub-pixels were coded in (null: raster), which the model supports.</param>
    /// <param name="threads">Threads for this plane (<see cref="IProbabilityModel.BeginDecoding(PlaneShape, CodingOrder, int)"/>).</param>
    public static void Decode(IProbabilityModel model, ReadOnlyMemory<byte> stream, PlaneShape shape, Span<byte> plane, bool trailingZerosBounded = true, CodingProgress? progress = null, CodingOrder? order = null, int threads = 1)
    {
        order ??= CodingOrder.Raster;
        var decoder = new RangeDecoder(stream, trailingZerosBounded);
        using IDecoderSession session = model.BeginDecoding(shape, order, threads);
        Span<ushort> table = stackalloc ushort[FrequencyTable.Symbols];
        int decoded = 0;
        for (OrderCursor cursor = order.Start(shape); !cursor.Done; cursor.Advance())
        {
            session.NextTable(table);
            byte value = (byte)decoder.Decode(table);
            if (decoder.Overran)
                throw new PrnnFormatException($"the file is corrupt: a segment of {stream.Length} bytes ran out after {decoded} of its {plane.Length} sub-pixels");
            session.Observe(value);
            plane[cursor.Index] = value;
            if (++decoded % shape.Stride == 0)
                progress?.Add(shape.Stride);
        }
    }

    /// <summary>
    /// Decodes several planes coded with one model (the tiles of a plane) in step, through
    /// <see cref="IProbabilityModel.BeginDecodingTogether"/>: the same values as decoding each on its
    /// own, with a PixelRNN's weights read once per step for all of them.
    /// </summary>
    public static void DecodeTogether(IProbabilityModel model, IReadOnlyList<ReadOnlyMemory<byte>> streams, IReadOnlyList<PlaneShape> shapes, IReadOnlyList<byte[]> planes,
        bool trailingZerosBounded = true, CodingProgress? progress = null)
    {
        if (planes.Count == 1)
        {
            Decode(model, streams[0], shapes[0], planes[0], trailingZerosBounded, progress);
            return;
        }
        IDecoderSession[] sessions = model.BeginDecodingTogether(shapes);
        RangeDecoder[] decoders = [.. streams.Select(s => new RangeDecoder(s, trailingZerosBounded))];
        Span<ushort> table = stackalloc ushort[FrequencyTable.Symbols];
        int longest = planes.Max(p => p.Length);
        for (int i = 0; i < longest; i++)
            for (int m = 0; m < planes.Count; m++)
            {
                byte[] plane = planes[m];
                if (i >= plane.Length)
                    continue;
                sessions[m].NextTable(table);
                byte value = (byte)decoders[m].Decode(table);
                if (decoders[m].Overran)
                    throw new PrnnFormatException($"the file is corrupt: a segment of {streams[m].Length} bytes ran out after {i} of its {plane.Length} sub-pixels");
                sessions[m].Observe(value);
                plane[i] = value;
                if ((i + 1) % shapes[m].Stride == 0)
                    progress?.Add(shapes[m].Stride);
            }
    }
}
