namespace PixelCodec.Engine;

/// <summary>
/// One layer of the trunk, reading the residual stream <c>input</c> and writing <c>output</c>.
/// Positions are computed in raster order; at a position, colour groups in order (all three at once
/// in the encoder, one at a time in the decoder). What a layer writes at (y, x) for a group depends
/// only on earlier positions and on groups up to it at (y, x): that is what makes both orders agree.
/// </summary>
internal interface IEngineLayer
{
    void BeginRow(int y);

    /// <summary>Computes the layer at (y, x) for colour groups <paramref name="firstGroup"/> to <paramref name="endGroup"/> - 1.</summary>
    void Compute(int y, int x, int firstGroup, int endGroup);

    /// <summary>
    /// <see cref="Compute"/> of this layer in several networks of one model (<paramref name="layers"/>,
    /// this one first), each at its own position, with one pass over the weights for all of them.
    /// </summary>
    void ComputeTogether(ReadOnlySpan<IEngineLayer> layers, ReadOnlySpan<(int Y, int X)> at, int firstGroup, int endGroup, BatchScratch scratch);

    /// <summary>Encoder: row y at every position, every group (the numbers <see cref="Compute"/> gives at each position).</summary>
    void ComputeRow(int y);

    /// <summary>Work that needs the whole of row y of the layer's input (a Diagonal BiLSTM's right-to-left pass).</summary>
    void FinishRow(int y);
}
