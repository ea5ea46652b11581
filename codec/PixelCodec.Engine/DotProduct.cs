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
/// (all four inputs -32768) also wraps, like the scalar code; AVX-VNNI's <c>vpdpwssd</c>, which every
/// 256-bit kernel uses where the CPU has it, fuses that with the accumulation, wrapping alike.
/// The kernels are compiled fully optimised at once (AggressiveOptimization): a file of a few
/// seconds would otherwise spend much of its time in their unoptimised first tier.
/// </summary>
internal static class DotProduct
{
    /// <summary>Every vector handed to <see cref="Compute"/> is a whole number of these lanes long.</summary>
    public const int Alignment = 32;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// The eight dot products of two weight rows with four input vectors, <paramref name="length"/>
    /// entries each (a multiple of <see cref="Alignment"/>): results[4 r + p] = row r . input p. Each
    /// weight load serves four products and each input load two, and one reduction serves four sums:
    /// the same numbers as eight calls of <see cref="Compute"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute2x4(ReadOnlySpan<short> row0, ReadOnlySpan<short> row1, ReadOnlySpan<short> inputs, int inputStride, int length, Span<int> results)
    {
        if (length % Alignment != 0 || row0.Length < length || row1.Length < length || inputs.Length < 3 * inputStride + length || results.Length < 8)
            throw new ArgumentException("two rows and four inputs of at least the length, a multiple of 32, and room for eight results");
        if (!Avx2.IsSupported)
        {
            for (int p = 0; p < 4; p++)
            {
                results[p] = Compute(row0[..length], inputs.Slice(p * inputStride, length));
                results[4 + p] = Compute(row1[..length], inputs.Slice(p * inputStride, length));
            }
            return;
        }
        ref short w0 = ref MemoryMarshal.GetReference(row0), w1 = ref MemoryMarshal.GetReference(row1);
        ref short x0 = ref MemoryMarshal.GetReference(inputs);
        ref short x1 = ref Unsafe.Add(ref x0, inputStride), x2 = ref Unsafe.Add(ref x0, 2 * inputStride), x3 = ref Unsafe.Add(ref x0, 3 * inputStride);
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        for (int i = 0; i < length; i += 16)
        {
            Vector256<short> u = Vector256.LoadUnsafe(ref w0, (nuint)i), v = Vector256.LoadUnsafe(ref w1, (nuint)i);
            Vector256<short> p0 = Vector256.LoadUnsafe(ref x0, (nuint)i), p1 = Vector256.LoadUnsafe(ref x1, (nuint)i);
            a0 = MultiplyAdd(a0, u, p0);
            b0 = MultiplyAdd(b0, v, p0);
            a1 = MultiplyAdd(a1, u, p1);
            b1 = MultiplyAdd(b1, v, p1);
            Vector256<short> p2 = Vector256.LoadUnsafe(ref x2, (nuint)i), p3 = Vector256.LoadUnsafe(ref x3, (nuint)i);
            a2 = MultiplyAdd(a2, u, p2);
            b2 = MultiplyAdd(b2, v, p2);
            a3 = MultiplyAdd(a3, u, p3);
            b3 = MultiplyAdd(b3, v, p3);
        }
        Reduce4(a0, a1, a2, a3).CopyTo(results);
        Reduce4(b0, b1, b2, b3).CopyTo(results[4..]);
    }

    /// <summary>
    /// The four dot products of four weight rows with one input, <paramref name="length"/> entries each
    /// (a multiple of <see cref="Alignment"/>), into <paramref name="results"/>: each input load serves
    /// four products and one reduction four sums; the same numbers as four calls of <see cref="Compute"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute4x1(ReadOnlySpan<short> weights, int rowStride, ReadOnlySpan<short> input, int length, Span<int> results)
    {
        if (length % Alignment != 0 || input.Length < length || weights.Length < 3 * rowStride + length || results.Length < 4)
            throw new ArgumentException("four rows and an input of at least the length, a multiple of 32, and room for four results");
        if (!Avx2.IsSupported)
        {
            for (int r = 0; r < 4; r++)
                results[r] = Compute(weights.Slice(r * rowStride, length), input[..length]);
            return;
        }
        ref short w0 = ref MemoryMarshal.GetReference(weights), x = ref MemoryMarshal.GetReference(input);
        ref short w1 = ref Unsafe.Add(ref w0, rowStride), w2 = ref Unsafe.Add(ref w0, 2 * rowStride), w3 = ref Unsafe.Add(ref w0, 3 * rowStride);
        Vector256<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (int i = 0; i < length; i += 16)
        {
            Vector256<short> v = Vector256.LoadUnsafe(ref x, (nuint)i);
            s0 = MultiplyAdd(s0, Vector256.LoadUnsafe(ref w0, (nuint)i), v);
            s1 = MultiplyAdd(s1, Vector256.LoadUnsafe(ref w1, (nuint)i), v);
            s2 = MultiplyAdd(s2, Vector256.LoadUnsafe(ref w2, (nuint)i), v);
            s3 = MultiplyAdd(s3, Vector256.LoadUnsafe(ref w3, (nuint)i), v);
        }
        Reduce4(s0, s1, s2, s3).CopyTo(results);
    }

    // sum + the pairwise products of a and b in int32, wrapping: one vpdpwssd where the CPU has AVX-VNNI,
    // else vpmaddwd and an add. The same numbers either way: vpdpwssd's products and sums wrap modulo
    // 2^32 just as vpmaddwd's and the add's do.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> MultiplyAdd(Vector256<int> sum, Vector256<short> a, Vector256<short> b) =>
        AvxVnni.IsSupported ? AvxVnni.MultiplyWideningAndAdd(sum, a, b) : sum + Avx2.MultiplyAddAdjacent(a, b);

    // The four lane sums at once: pairwise horizontal adds leave [s0, s1, s2, s3] split over the two halves.
    private static Vector128<int> Reduce4(Vector256<int> s0, Vector256<int> s1, Vector256<int> s2, Vector256<int> s3)
    {
        Vector256<int> sums = Avx2.HorizontalAdd(Avx2.HorizontalAdd(s0, s1), Avx2.HorizontalAdd(s2, s3));
        return sums.GetLower() + sums.GetUpper();
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
            sum0 = MultiplyAdd(sum0, Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i));
            sum1 = MultiplyAdd(sum1, Vector256.LoadUnsafe(ref a, (nuint)(i + 16)), Vector256.LoadUnsafe(ref b, (nuint)(i + 16)));
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
