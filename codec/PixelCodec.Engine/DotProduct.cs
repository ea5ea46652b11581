using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PixelCodec.Engine;

/// <summary>
/// The one multiply kernel of the engine: the dot product of two int16 vectors in int32.
///
/// Read me first: the sum is taken modulo 2^32 (wrapping), and modular addition is associative and
/// commutative, so the result is the same bit for bit whatever the lane width or summation order:
/// AVX-512, AVX2, SSE2 and the scalar loop all agree, and overflow (which export makes practically
/// impossible) would at worst cost compression, never a mismatch between encoder and decoder.
/// <c>pmaddwd</c> multiplies int16 pairs and adds adjacent products into int32; its only overflow
/// (all four inputs -32768) also wraps, like the scalar code.
/// </summary>
internal static class DotProduct
{
    /// <summary>Every vector handed to <see cref="Compute"/> is a whole number of these lanes long.</summary>
    public const int Alignment = 32;

    public static int Compute(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        if (a.Length != b.Length || a.Length % Alignment != 0)
            throw new ArgumentException("vectors must have the same length, a multiple of 32");
        ref short pa = ref MemoryMarshal.GetReference(a);
        ref short pb = ref MemoryMarshal.GetReference(b);
        int length = a.Length;
        if (Vector512.IsHardwareAccelerated && Avx512BW.IsSupported)
            return Avx512(ref pa, ref pb, length);
        if (Avx2.IsSupported)
            return Avx256(ref pa, ref pb, length);
        if (Sse2.IsSupported)
            return Sse128(ref pa, ref pb, length);
        return Scalar(ref pa, ref pb, length);
    }

    private static int Avx512(ref short a, ref short b, int length)
    {
        Vector512<int> sum = Vector512<int>.Zero;
        for (int i = 0; i < length; i += 32)
            sum += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i));
        return Vector512.Sum(sum);
    }

    private static int Avx256(ref short a, ref short b, int length)
    {
        Vector256<int> sum0 = Vector256<int>.Zero, sum1 = Vector256<int>.Zero;
        for (int i = 0; i < length; i += 32)
        {
            sum0 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i));
            sum1 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref a, (nuint)(i + 16)), Vector256.LoadUnsafe(ref b, (nuint)(i + 16)));
        }
        return Vector256.Sum(sum0 + sum1);
    }

    private static int Sse128(ref short a, ref short b, int length)
    {
        Vector128<int> sum0 = Vector128<int>.Zero, sum1 = Vector128<int>.Zero;
        for (int i = 0; i < length; i += 16)
        {
            sum0 += Sse2.MultiplyAddAdjacent(Vector128.LoadUnsafe(ref a, (nuint)i), Vector128.LoadUnsafe(ref b, (nuint)i));
            sum1 += Sse2.MultiplyAddAdjacent(Vector128.LoadUnsafe(ref a, (nuint)(i + 8)), Vector128.LoadUnsafe(ref b, (nuint)(i + 8)));
        }
        return Vector128.Sum(sum0 + sum1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Scalar(ref short a, ref short b, int length)
    {
        int sum = 0;
        for (int i = 0; i < length; i++)
            sum = unchecked(sum + Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i));
        return sum;
    }
}
