namespace PixelCodec.Modeling;

/// <summary>
/// What the codec asks of a probability model. For every sub-pixel of a plane, in raster order with
/// the channels of a pixel in order (R, then G, then B) or in another <see cref="CodingOrder"/> the
/// model supports, the model gives a 256-way
/// <see cref="Entropy.FrequencyTable"/> that depends only on the sub-pixels before it.
///
/// The encoder knows the whole plane and may compute the tables in any order or in parallel
/// (<see cref="BeginEncoding"/>); the decoder learns one sub-pixel at a time
/// (<see cref="BeginDecoding(PlaneShape)"/>). Both must yield bit-identical tables: that is the contract that
/// makes arithmetic decoding work, and the tests check it for every model.
/// </summary>
public interface IProbabilityModel
{
    /// <summary>Which model this is: a file records its <see cref="ModelIdentity.Id"/> for every plane the model coded.</summary>
    ModelIdentity Identity { get; }

    /// <summary>Whether the model can code planes with this many channels per pixel.</summary>
    bool SupportsChannels(int channels);

    /// <summary>
    /// Starts encoding <paramref name="plane"/> (<see cref="PlaneShape.SubpixelCount"/> bytes, rows of
    /// <see cref="PlaneShape.Stride"/>), whose channel count <see cref="SupportsChannels"/> accepts. The pass
    /// may read the plane until its last row is asked for: it must not change before then.
    /// </summary>
    IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape);

    /// <summary>Starts decoding a plane of <paramref name="shape"/>, whose channel count <see cref="SupportsChannels"/> accepts.</summary>
    IDecoderSession BeginDecoding(PlaneShape shape);

    /// <summary>Whether the model can code a plane in <paramref name="order"/> (every model codes raster order).</summary>
    bool SupportsOrder(CodingOrder order) => order.IsRaster;

    /// <summary>
    /// The order the encoder codes a plane in with this model, one it supports: raster, or a wavefront
    /// where a PixelRNN in it computes the pixels of a step together and so decodes faster.
    /// </summary>
    CodingOrder PreferredOrder => CodingOrder.Raster;

    /// <summary>
    /// Starts decoding a plane of <paramref name="shape"/> whose sub-pixels come in <paramref name="order"/>,
    /// which <see cref="SupportsOrder"/> accepts; the encoder codes such a plane through the same session
    /// (<c>PlaneCoder</c>), so the tables are the same by construction.
    /// </summary>
    /// <exception cref="NotSupportedException">The model does not code in that order.</exception>
    IDecoderSession BeginDecoding(PlaneShape shape, CodingOrder order) =>
        order.IsRaster ? BeginDecoding(shape) : throw new NotSupportedException($"{Identity.Name} does not code in {order} order");

    /// <summary>
    /// <see cref="BeginDecoding(PlaneShape, CodingOrder)"/> with up to <paramref name="threads"/> threads
    /// for this one plane (a PixelRNN in a wavefront computes its layers for a later group on a second
    /// thread while the caller's thread finishes the groups before it). The tables are the same with
    /// any number; a session that starts threads ends them when disposed.
    /// </summary>
    IDecoderSession BeginDecoding(PlaneShape shape, CodingOrder order, int threads) => BeginDecoding(shape, order);

    /// <summary>
    /// Decoder sessions for several planes of the same model decoded in step (the tiles of a plane):
    /// at every step, every member that still has sub-pixels asks for its next table and observes its
    /// value before any member takes the next step. Each member's tables are those of
    /// <see cref="BeginDecoding(PlaneShape)"/>; a model may compute a step's tables for all members at once (a
    /// PixelRNN makes one pass over its weights for all of them instead of one each).
    /// </summary>
    IDecoderSession[] BeginDecodingTogether(IReadOnlyList<PlaneShape> shapes) => [.. shapes.Select(BeginDecoding)];
}

/// <summary>The encoder side: tables for a plane whose values are all known.</summary>
public interface IEncoderPass
{
    /// <summary>
    /// Fills <paramref name="tables"/> (Stride x 256 entries) with the tables of every sub-pixel of
    /// row <paramref name="y"/>. Rows are asked for in order 0, 1, 2, ...
    /// </summary>
    void TablesForRow(int y, Span<ushort> tables);
}

/// <summary>The decoder side: one sub-pixel at a time. Disposing it ends any thread it started; most hold none.</summary>
public interface IDecoderSession : IDisposable
{
    /// <summary>Fills the 256-entry table of the next sub-pixel.</summary>
    void NextTable(Span<ushort> table);

    /// <summary>Tells the model the value of the sub-pixel whose table was just given.</summary>
    void Observe(byte value);

    void IDisposable.Dispose()
    {
    }
}
