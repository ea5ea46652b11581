namespace PixelCodec.Modeling;

/// <summary>
/// An encoder pass for models whose tables can only be computed in coding order (adaptive models):
/// it replays the decoder session over the known values, so encoder and decoder share one code path.
/// </summary>
/// <param name="session">A fresh decoder session of the model for <paramref name="shape"/>.</param>
/// <param name="plane">The plane's samples; read row by row as the rows are asked for.</param>
/// <param name="shape">The plane's shape.</param>
public sealed class SequentialEncoderPass(IDecoderSession session, ReadOnlyMemory<byte> plane, PlaneShape shape) : IEncoderPass
{
    private int _nextRow;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The rows are asked for out of order.</exception>
    public void TablesForRow(int y, Span<ushort> tables)
    {
        if (y != _nextRow)
            throw new InvalidOperationException($"rows must be asked for in order: expected {_nextRow}, got {y}");
        ReadOnlySpan<byte> row = plane.Span.Slice(y * shape.Stride, shape.Stride);
        for (int i = 0; i < row.Length; i++)
        {
            session.NextTable(tables.Slice(i * Entropy.FrequencyTable.Symbols, Entropy.FrequencyTable.Symbols));
            session.Observe(row[i]);
        }
        _nextRow++;
    }
}
