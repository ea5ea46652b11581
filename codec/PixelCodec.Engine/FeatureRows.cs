namespace PixelCodec.Engine;

/// <summary>
/// The last few rows of one feature map, [row][column][channel] int16, with zero padding columns on
/// both sides so that a kernel tap never needs a bounds check. Rows are reused in a ring: row y
/// lives in slot y mod <see cref="RowCount"/>, so memory does not grow with the image height: the
/// rows a position reads (its own and those above it), plus one more for every further row a
/// wavefront computes at the same time (<c>rowsInFlight</c>).
/// Rows above the image read as zero, except row -1, which reads as <c>initialRow</c> in the image's
/// columns when one is given (the learned initial state of a Row LSTM). Optionally the column just
/// left or right of the image holds a fixed vector in every row (a Diagonal BiLSTM's initial state).
/// </summary>
internal sealed class FeatureRows
{
    private readonly short[] _rows;
    private readonly short[] _rowAbove;   // row -1
    private readonly short[] _zeroRow;    // rows above -1
    private readonly short[]? _leftEdge;
    private readonly short[]? _rightEdge;

    public FeatureRows(int width, int channels, int rowCount, int padding, short[]? initialRow = null, short[]? leftEdge = null, short[]? rightEdge = null, int rowsInFlight = 1)
    {
        Width = width;
        Channels = channels;
        RowCount = rowCount + rowsInFlight - 1;
        Padding = padding;
        RowLength = (width + 2 * padding) * channels;
        _rows = new short[RowCount * RowLength];
        _zeroRow = new short[RowLength];
        _rowAbove = new short[RowLength];
        if (initialRow is not null)
            for (int x = 0; x < width; x++)
                initialRow.CopyTo(_rowAbove, (padding + x) * channels);
        _leftEdge = leftEdge;
        _rightEdge = rightEdge;
    }

    public int Width { get; }
    public int Channels { get; }
    public int RowCount { get; }
    public int Padding { get; }
    private int RowLength { get; }

    /// <summary>Clears row <paramref name="y"/>'s slot before it is written (and sets its edge columns).</summary>
    public void BeginRow(int y)
    {
        Span<short> row = Slot(y);
        row.Clear();
        _leftEdge?.CopyTo(row.Slice((Padding - 1) * Channels));
        _rightEdge?.CopyTo(row.Slice((Padding + Width) * Channels));
    }

    /// <summary>The channels at (y, x); x may reach <see cref="Padding"/> columns outside the image.</summary>
    public ReadOnlySpan<short> At(int y, int x)
    {
        short[] source = y >= 0 ? _rows : y == -1 ? _rowAbove : _zeroRow;
        int offset = (y >= 0 ? (y % RowCount) * RowLength : 0) + (Padding + x) * Channels;
        return source.AsSpan(offset, Channels);
    }

    /// <summary>The channels of row <paramref name="y"/> (inside the image) at columns 0 to Width - 1, one position after another.</summary>
    public ReadOnlySpan<short> Row(int y) => Slot(y).Slice(Padding * Channels, Width * Channels);

    /// <summary>The writable channels at (y, x), inside the image.</summary>
    public Span<short> Write(int y, int x) => Slot(y).Slice((Padding + x) * Channels, Channels);

    private Span<short> Slot(int y) => _rows.AsSpan((y % RowCount) * RowLength, RowLength);
}
