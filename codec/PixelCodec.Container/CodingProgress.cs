namespace PixelCodec.Container;

/// <summary>
/// How far an encode or decode has come, in sub-pixels, readable from another thread while it runs
/// (a progress display polls it). The coder sets <see cref="Total"/> before it starts; with several
/// candidate models (higher effort) every candidate's sub-pixels count.
/// </summary>
public sealed class CodingProgress
{
    private long _done, _total;

    /// <summary>The sub-pixels the job will code; 0 until it starts.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The sub-pixels coded so far.</summary>
    public long Done => Interlocked.Read(ref _done);

    internal void Start(long total)
    {
        Interlocked.Exchange(ref _done, 0);
        Interlocked.Exchange(ref _total, total);
    }

    internal void Add(long subpixels) => Interlocked.Add(ref _done, subpixels);
}
