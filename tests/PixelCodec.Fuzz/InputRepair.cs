using System.Buffers.Binary;
using PixelCodec.Container;
using PixelCodec.Imaging;

namespace PixelCodec.Fuzz;

/// <summary>
/// Checksums recomputed over a mutated input before it is parsed, as libpng's fuzzers do: otherwise
/// nearly every mutation fails the checksum and the fuzzer never reaches the code behind it. The
/// checksum checks themselves are covered by the seeds and the unit tests.
/// </summary>
internal static class InputRepair
{
    /// <summary>Every complete chunk's CRC made right.</summary>
    public static byte[] PngChunkCrcs(byte[] input)
    {
        byte[] file = (byte[])input.Clone();
        int offset = PngReader.Signature.Length;
        while (offset + 12 <= file.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
            if (length > file.Length - offset - 12)
                break;
            int crcAt = offset + 8 + (int)length;
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(crcAt), Crc32.Compute(file.AsSpan(offset + 4, 4 + (int)length)));
            offset = crcAt + 4;
        }
        return file;
    }

    /// <summary>The .prnn header check made right, where the header parses up to it.</summary>
    public static byte[] PrnnHeaderCheck(byte[] input)
    {
        int headerLength;
        try
        {
            PrnnHeaderCodec.Read(input, out headerLength, verifyCheck: false);
        }
        catch (PrnnFormatException)
        {
            return input;
        }
        byte[] file = (byte[])input.Clone();
        PrnnHeaderCodec.HeaderCheck(file.AsSpan(0, headerLength - 4)).CopyTo(file, headerLength - 4);
        return file;
    }
}
