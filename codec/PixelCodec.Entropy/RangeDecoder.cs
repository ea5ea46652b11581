namespace PixelCodec.Entropy;

/// <summary>
/// Decodes what <see cref="RangeEncoder"/> wrote, given the same tables in the same order.
/// Reads 0 past the end of the stream (the encoder drops trailing zero bytes), so a damaged stream
/// decodes to wrong symbols, never to an exception or a hang: the container's checksum catches it,
/// and <see cref="Overran"/> says as soon as the stream is provably damaged, so its caller can stop.
/// </summary>
public sealed class RangeDecoder
{
    private const uint TopValue = 1u << 24;

    private readonly ReadOnlyMemory<byte> _input;
    private readonly long _readLimit;
    private int _position;
    private uint _range = uint.MaxValue;
    private uint _code;

    /// <summary>A decoder over one stream; reads the stream's first 4 bytes at once.</summary>
    /// <param name="input">The stream, exactly as long as the encoder's <see cref="RangeEncoder.BytesWritten"/> (the container keeps the length).</param>
    /// <param name="trailingZerosBounded">
    /// The stream drops at most <see cref="RangeEncoder.MaxDroppedZeros"/> trailing zeros (format
    /// version 2 on); false for streams that dropped them all, where no over-read proves damage.
    /// </param>
    public RangeDecoder(ReadOnlyMemory<byte> input, bool trailingZerosBounded = true)
    {
        _input = input;
        _readLimit = trailingZerosBounded ? input.Length + (long)RangeEncoder.MaxOverRead : long.MaxValue;
        // The encoder's first byte is always 0 and was not written: the code starts with the next four.
        for (int i = 0; i < 4; i++)
            _code = (_code << 8) | NextByte();
    }

    /// <summary>Bytes taken from the stream so far, those read past its end (as zeros) included.</summary>
    public long BytesRead => _position;

    /// <summary>
    /// The decoder has read further past the end than any valid stream makes it: the stream is
    /// damaged (or claims more symbols than it holds), and what follows is noise.
    /// </summary>
    public bool Overran => _position > _readLimit;

    /// <summary>
    /// The position in [0, 2^16) that the next symbol's sub-interval must contain. Call
    /// <see cref="Consume"/> with that symbol's interval before asking again.
    /// </summary>
    public int PeekTarget()
    {
        uint r = _range >> FrequencyTable.PrecisionBits;
        uint target = _code / r;
        // Only a damaged stream lands in the unused top of the interval.
        return target < FrequencyTable.Total ? (int)target : FrequencyTable.Total - 1;
    }

    /// <summary>Removes the symbol with sub-interval [start, start + frequency) from the stream.</summary>
    public void Consume(int start, int frequency)
    {
        uint r = _range >> FrequencyTable.PrecisionBits;
        _code -= r * (uint)start;
        _range = r * (uint)frequency;
        while (_range < TopValue)
        {
            _code = (_code << 8) | NextByte();
            _range <<= 8;
        }
    }

    /// <summary>Decodes one symbol under a full 256-entry table.</summary>
    public int Decode(ReadOnlySpan<ushort> table)
    {
        int target = PeekTarget();
        int start = 0;
        int symbol = 0;
        while (start + table[symbol] <= target)
        {
            start += table[symbol];
            symbol++;
        }
        Consume(start, table[symbol]);
        return symbol;
    }

    private uint NextByte()
    {
        int p = _position;
        if (p < int.MaxValue)
            _position = p + 1;
        return p < _input.Length ? _input.Span[p] : 0u;
    }
}
