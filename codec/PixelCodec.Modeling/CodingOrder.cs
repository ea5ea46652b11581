namespace PixelCodec.Modeling;

/// <summary>
/// The order in which a plane's sub-pixels are coded. Raster order (<see cref="Raster"/>) is row by
/// row, a pixel's channels in order. A wavefront (<see cref="Wavefront"/>) codes bands of
/// <see cref="Band"/> rows, one after another; inside a band, step t holds pixel (y0 + i, t - S i) of
/// every row i of the band whose column is inside the image (S = <see cref="Stagger"/>: each row S
/// columns behind the one above), and a step codes channel 0 of all its pixels (i ascending), then
/// channel 1, and so on. Raster order is the wavefront with bands of one row.
///
/// Which orders a model may code in: pixel (y, x) is coded after every pixel of the rows above up to
/// column x + S - 1 and after the pixels left of it in its row; within a pixel, channels in order. A
/// model whose tables read decoded sub-pixels only there (every classical model here reads at most
/// one column right in the rows above: S >= 2; a PixelRNN's 7x7 mask-A input reads three: S >= 4)
/// gets the same inputs in either order, so the pixels of one step are independent of each other
/// and a network can compute them together (<see cref="OrderCursor.GroupCount"/>).
/// </summary>
public sealed record CodingOrder
{
    /// <summary>The widest band a file may ask for: a decoder keeps this many rows of every feature map.</summary>
    public const int MaxBand = 64;

    /// <summary>The largest stagger a file may ask for.</summary>
    public const int MaxStagger = 16;

    /// <summary>
    /// The most pixels a band may hold (band x plane width): a decoder keeps every feature map for all
    /// the band's rows (about 3 KB per pixel for the shipped networks), so this bounds its memory.
    /// </summary>
    public const int MaxBandPixels = 1 << 17;

    private CodingOrder(int band, int stagger)
    {
        Band = band;
        Stagger = stagger;
    }

    /// <summary>Row by row, each pixel's channels in order.</summary>
    public static CodingOrder Raster { get; } = new(1, 1);

    /// <summary>Bands of <paramref name="band"/> rows (2 to <see cref="MaxBand"/>), each row <paramref name="stagger"/> (1 to <see cref="MaxStagger"/>) columns behind the one above.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The band or the stagger is outside its range.</exception>
    public static CodingOrder Wavefront(int band, int stagger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(band, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(band, MaxBand);
        ArgumentOutOfRangeException.ThrowIfLessThan(stagger, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stagger, MaxStagger);
        return new CodingOrder(band, stagger);
    }

    /// <summary>Rows coded together: 1 in raster order.</summary>
    public int Band { get; }

    /// <summary>Columns each row of a band runs behind the one above it.</summary>
    public int Stagger { get; }

    /// <summary>Whether this is raster order.</summary>
    public bool IsRaster => Band == 1;

    /// <summary>Whether a plane of <paramref name="shape"/> may be coded in this order: raster always, a wavefront if its band holds at most <see cref="MaxBandPixels"/>.</summary>
    public bool Fits(PlaneShape shape) => IsRaster || (long)Band * shape.Width <= MaxBandPixels;

    /// <summary>A cursor at the first sub-pixel of a plane of <paramref name="shape"/> in this order.</summary>
    public OrderCursor Start(PlaneShape shape) => new(shape, this);

    /// <inheritdoc />
    public override string ToString() => IsRaster ? "raster" : $"wavefront (bands of {Band} rows, stagger {Stagger})";
}

/// <summary>
/// Where a plane's coding has got to in its <see cref="CodingOrder"/>: the sub-pixel coded next, and
/// the group it belongs to (the pixels of its step, in one channel: sub-pixels whose tables depend
/// only on earlier groups).
/// </summary>
public sealed class OrderCursor
{
    private readonly PlaneShape _shape;
    private readonly int _band, _stagger;
    private int _bandTop, _bandRows, _step, _first, _last, _row;

    internal OrderCursor(PlaneShape shape, CodingOrder order)
    {
        _shape = shape;
        _band = order.Band;
        _stagger = order.Stagger;
        if (shape.SubpixelCount == 0)
        {
            Done = true;
            return;
        }
        StartBand(0);
    }

    /// <summary>Whether every sub-pixel has been passed.</summary>
    public bool Done { get; private set; }

    /// <summary>Row of the sub-pixel coded next.</summary>
    public int Y => _bandTop + _row;

    /// <summary>Column of the sub-pixel coded next.</summary>
    public int X => _step - _stagger * _row;

    /// <summary>Channel of the sub-pixel coded next.</summary>
    public int Channel { get; private set; }

    /// <summary>Its row's place in its band (0 in raster order).</summary>
    public int RowInBand => _row;

    /// <summary>Its index in the plane's raster layout: (Y * width + X) * channels + Channel.</summary>
    public int Index => (Y * _shape.Width + X) * _shape.Channels + Channel;

    /// <summary>Whether it is the first of its group.</summary>
    public bool StartsGroup => _row == _first;

    /// <summary>Its place in its group (0 for the first).</summary>
    public int PlaceInGroup => _row - _first;

    /// <summary>Sub-pixels in its group.</summary>
    public int GroupCount => _last - _first + 1;

    /// <summary>The pixel at place <paramref name="place"/> of the current group.</summary>
    public (int Y, int X) GroupPixel(int place) => (_bandTop + _first + place, _step - _stagger * (_first + place));

    /// <summary>Moves to the next sub-pixel in the order.</summary>
    /// <exception cref="InvalidOperationException">Every sub-pixel has been passed.</exception>
    public void Advance()
    {
        if (Done)
            throw new InvalidOperationException("every sub-pixel of the plane has been coded");
        if (_row < _last)
        {
            _row++;
            return;
        }
        if (++Channel < _shape.Channels)
        {
            _row = _first;
            return;
        }
        Channel = 0;
        if (TryStartStep(_step + 1))
            return;
        if (_bandTop + _bandRows < _shape.Height)
            StartBand(_bandTop + _bandRows);
        else
            Done = true;
    }

    private void StartBand(int top)
    {
        _bandTop = top;
        _bandRows = Math.Min(_band, _shape.Height - top);
        TryStartStep(0);
    }

    // The first step from `step` on that holds a pixel of the band (a plane narrower than the stagger
    // has steps that hold none); false when the band has no more. Step t holds the rows i with
    // t - S i inside the image: i <= t / S, and i >= (t - width + 1) / S rounded up.
    private bool TryStartStep(int step)
    {
        int lastStep = _shape.Width - 1 + _stagger * (_bandRows - 1);
        for (; step <= lastStep; step++)
        {
            int first = Math.Max(0, (step - _shape.Width + _stagger) / _stagger), last = Math.Min(_bandRows - 1, step / _stagger);
            if (first > last)
                continue;
            (_step, _first, _last, _row) = (step, first, last, first);
            return true;
        }
        return false;
    }
}
