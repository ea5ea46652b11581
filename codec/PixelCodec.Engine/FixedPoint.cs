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
    public const int ImageScale = 255;

    public const int GateBits = 8;
    public const int GateTableSize = 4096;
    public const int GateLimit = GateTableSize / 2;

    public const int HiddenBits = 15;
    public const int CellBits = 12;
    public const int CellLimit = 256 << CellBits;

    public const int LogitBits = 8;
    public const int ExpTableSize = 4096;
    public const int ExpBits = 24;

    /// <summary>A gate pre-activation's index into the sigmoid and tanh tables.</summary>
    public static int GateIndex(long q) => (int)Math.Clamp(q, -GateLimit, GateLimit - 1) + GateLimit;

    /// <summary>A cell state's (Q12) index into the tanh table (Q8), rounded to nearest.</summary>
    public static int CellIndex(int cell) => Math.Clamp((cell + (1 << (CellBits - GateBits - 1))) >> (CellBits - GateBits), -GateLimit, GateLimit - 1) + GateLimit;

    public static short SaturateToShort(long value) => (short)Math.Clamp(value, short.MinValue, short.MaxValue);
}
