using System.Buffers;

namespace PixelCodec.Entropy;

// Read me first.
//
// A byte-oriented range coder ("carryless" in the LZMA sense: carries are resolved by holding back
// the last byte that a carry could still reach) over 16-bit frequency tables.
//
// State: the coded interval is [low, low + range) of a number in [0, 1) written in base 256, where
// `low` holds the 32 bits after the bytes already produced, plus bit 32 for a pending carry.
// Invariants between calls:
//   2^24 <= range <= 2^32 - 1          (so range >> 16 >= 2^8: every frequency >= 1 keeps a non-empty sub-interval)
//   low < 2^32 + 2^32                  (at most one carry pending)
//   `cache` followed by `pendingFF` bytes of 0xFF are produced bytes not yet final: a carry out of
//   `low` adds one to `cache` and turns each 0xFF into 0x00.
//
// Encoding symbol s with cumulative start c and frequency f under total 2^16:
//   r = range >> 16;  low += r * c;  range = r * f.
// The part of the interval above r * 2^16 is never used; it costs at most -log2(1 - 2^16 / 2^24)
// bits per symbol (0.0056 bits), far less on average since range usually sits well above 2^24.
//
// Bytes are left out where the decoder can supply them:
//   - the first byte of every stream is 0 (the interval starts as [0, 1));
//   - up to MaxDroppedZeros trailing 0x00 bytes: the decoder reads 0 past the end, so they are
//     dropped, and Finish picks the final value in [low, low + range) with the most trailing zero
//     bytes. Only that many: a stream ending in a longer run of zeros keeps the rest, so a decoder
//     that has read more than MaxOverRead bytes past the end knows the stream is damaged
//     (RangeDecoder.Overran), and a stream of L bytes holds at most MaxSymbols(L) symbols. (Format
//     version 1 dropped every trailing zero: its decoders cannot tell.)
// A stream therefore ends early by design; its length must be kept by the container.

/// <summary>Encodes symbols under <see cref="FrequencyTable"/> tables into an <see cref="IBufferWriter{T}"/>.</summary>
public sealed class RangeEncoder
{
    /// <summary>Trailing zero bytes a stream may leave out.</summary>
    public const int MaxDroppedZeros = 4;

    /// <summary>
    /// How far past a valid stream's end its decoder reads: the dropped zeros and one byte of the
    /// decoder's lookahead (it holds 4 bytes of code where the encoder's last byte stays unwritten).
    /// </summary>
    public const int MaxOverRead = MaxDroppedZeros + 1;

    /// <summary>
    /// At most this many symbols per stream byte: a symbol's frequency is at most
    /// <see cref="FrequencyTable.MaxFrequency"/>, so each narrows the range by at least
    /// -log2(65281 / 65536) = 0.005631 bits, and 8 / 0.005631 = 1420.7.
    /// </summary>
    public const int MaxSymbolsPerByte = 1421;

    private const uint TopValue = 1u << 24;

    private readonly IBufferWriter<byte> _output;
    private ulong _low;
    private uint _range = uint.MaxValue;
    private byte _cache;
    private long _pendingFF;
    private bool _firstByteSkipped;
    private long _heldZeros;
    private long _bytesWritten;
    private bool _finished;

    /// <summary>An encoder that appends its stream to <paramref name="output"/>; call <see cref="Finish"/> to end it.</summary>
    public RangeEncoder(IBufferWriter<byte> output) => _output = output;

    /// <summary>Bytes handed to the output so far (after <see cref="Finish"/>: the stream length).</summary>
    public long BytesWritten => _bytesWritten;

    /// <summary>Codes the symbol whose sub-interval is [start, start + frequency) of 2^16.</summary>
    public void Encode(int start, int frequency)
    {
        if (_finished)
            throw new InvalidOperationException("the encoder is finished");
        if ((uint)start >= FrequencyTable.Total || frequency <= 0 || start + frequency > FrequencyTable.Total)
            throw new ArgumentOutOfRangeException(nameof(frequency), $"sub-interval [{start}, {start + frequency}) is not inside [0, {FrequencyTable.Total})");
        uint r = _range >> FrequencyTable.PrecisionBits;
        _low += (ulong)r * (uint)start;
        _range = r * (uint)frequency;
        while (_range < TopValue)
        {
            _range <<= 8;
            ShiftLow();
        }
    }

    /// <summary>Codes <paramref name="symbol"/> under a full 256-entry table.</summary>
    public void Encode(ReadOnlySpan<ushort> table, int symbol) =>
        Encode(FrequencyTable.CumulativeBelow(table, symbol), table[symbol]);

    /// <summary>
    /// The most symbols a valid stream of <paramref name="length"/> bytes decodes to: the range starts
    /// at 32 bits and never falls below 24, each symbol takes at least 1/1421 of a byte from it, and
    /// its decoder reads at most <paramref name="length"/> + <see cref="MaxOverRead"/> bytes (4 at the start).
    /// </summary>
    public static long MaxSymbols(long length) => MaxSymbolsPerByte * (length + MaxOverRead - 4 + 1);

    /// <summary>Ends the stream. The encoder cannot be used afterwards.</summary>
    public void Finish()
    {
        if (_finished)
            return;
        // Choose the value in [low, low + range) with the most trailing zero bytes: those are not written.
        ulong high = _low + _range - 1;
        for (int keptBytes = 0; keptBytes <= 4; keptBytes++)
        {
            ulong mask = keptBytes == 4 ? 0 : (1UL << (32 - 8 * keptBytes)) - 1;
            ulong candidate = (_low + mask) & ~mask;
            if (candidate <= high)
            {
                _low = candidate;
                break;
            }
        }
        for (int i = 0; i < 5; i++)
            ShiftLow();
        for (; _heldZeros > MaxDroppedZeros; _heldZeros--)
            WriteByte(0);
        _finished = true;
    }

    // Moves the top byte of the 32-bit `low` into `cache`, producing the previous cache byte once no
    // carry can reach it any more.
    private void ShiftLow()
    {
        if ((uint)_low < 0xFF000000u || (_low >> 32) != 0)
        {
            byte carry = (byte)(_low >> 32);
            Produce((byte)(_cache + carry));
            for (; _pendingFF > 0; _pendingFF--)
                Produce((byte)(0xFF + carry));
            _cache = (byte)((uint)_low >> 24);
        }
        else
        {
            _pendingFF++;
        }
        _low = (_low & 0x00FFFFFFu) << 8;
    }

    private void Produce(byte value)
    {
        if (!_firstByteSkipped)
        {
            _firstByteSkipped = true;
            return;
        }
        if (value == 0)
        {
            _heldZeros++;
            return;
        }
        for (; _heldZeros > 0; _heldZeros--)
            WriteByte(0);
        WriteByte(value);
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
        _bytesWritten++;
    }
}
