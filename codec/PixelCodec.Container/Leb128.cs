namespace PixelCodec.Container;

/// <summary>Unsigned LEB128 varints: 7 bits a byte, low bits first, the top bit set on all but the last byte.</summary>
internal static class Leb128
{
    public static void Write(List<byte> output, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        uint v = (uint)value;
        while (v >= 0x80)
        {
            output.Add((byte)(v | 0x80));
            v >>= 7;
        }
        output.Add((byte)v);
    }

    /// <summary>Reads a non-negative int; null when the bytes run out or the value does not fit an int.</summary>
    public static int? Read(ReadOnlySpan<byte> input, ref int position)
    {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (position >= input.Length)
                return null;
            byte b = input[position++];
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value <= int.MaxValue ? (int)value : null;
        }
        return null;
    }
}
