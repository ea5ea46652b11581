namespace PixelCodec.Engine;

/// <summary>
/// The fixed-point formats every integer model shares (the integer model format fixes them; a change
/// is a new format version). A value q in format Qn stands for q / 2^n.
/// <list type="bullet">
/// <item>Image input: 2p - 255 for a pixel value p, i.e. the training input p / 127.5 - 1 in units of 1/255.</item>
/// <item>LSTM gate pre-activations: Q8, clamped to [-8, 8); sigmoid and tanh are tables over that range, Q15 out.</item>
/// <item>LSTM hidden state: Q15; cell state: Q12, clamped to +-256.</item>
/// <item>Logits: Q8; the exp table covers 16 nats below the largest logit.</item>
/// </list>
/// Every other activation has its own power-of-two scale chosen at export (<see cref="QuantizedConv"/>).
/// </summary>
public static class FixedPoint
{
    /// <summary>The image input 2p - 255 is in units of 1 / <see cref="ImageScale"/>.</summary>
    public const int ImageScale = 255;

    /// <summary>Fraction bits of gate pre-activations (Q8), and so of the sigmoid and tanh tables' inputs.</summary>
    public const int GateBits = 8;

    /// <summary>Entries of the sigmoid and tanh tables: every Q8 input in [-8, 8).</summary>
    public const int GateTableSize = 4096;

    /// <summary>Gate pre-activations are clamped to [-<see cref="GateLimit"/>, <see cref="GateLimit"/>), i.e. [-8, 8) in Q8.</summary>
    public const int GateLimit = GateTableSize / 2;

    /// <summary>Fraction bits of the LSTM hidden state and of the sigmoid and tanh tables' outputs (Q15).</summary>
    public const int HiddenBits = 15;

    /// <summary>Fraction bits of the LSTM cell state (Q12).</summary>
    public const int CellBits = 12;

    /// <summary>The cell state is clamped to +-<see cref="CellLimit"/>: +-256 in Q12.</summary>
    public const int CellLimit = 256 << CellBits;

    /// <summary>Fraction bits of logits (Q8).</summary>
    public const int LogitBits = 8;

    /// <summary>Entries of the exp table: logits up to 16 nats below the largest, in Q8 steps.</summary>
    public const int ExpTableSize = 4096;

    /// <summary>Fraction bits of the exp table's entries (Q24): entry 0, exp(0), is 2^24.</summary>
    public const int ExpBits = 24;

    /// <summary>A gate pre-activation's index into the sigmoid and tanh tables.</summary>
    public static int GateIndex(long q) => (int)Math.Clamp(q, -GateLimit, GateLimit - 1) + GateLimit;

    /// <summary>A cell state's (Q12) index into the tanh table (Q8), rounded to nearest.</summary>
    public static int CellIndex(int cell) => Math.Clamp((cell + (1 << (CellBits - GateBits - 1))) >> (CellBits - GateBits), -GateLimit, GateLimit - 1) + GateLimit;

    /// <summary><paramref name="value"/> clamped to the int16 range.</summary>
    public static short SaturateToShort(long value) => (short)Math.Clamp(value, short.MinValue, short.MaxValue);
}
