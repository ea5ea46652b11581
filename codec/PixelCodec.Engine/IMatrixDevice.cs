namespace PixelCodec.Engine;

/// <summary>
/// Somewhere other than this CPU's vector units that computes the engine's batched products
/// (<see cref="QuantizedConv.OutputRows"/>: one layer's outputs at many positions: the encoder's whole
/// rows, the tiles or images decoded in step). It must give the very numbers the CPU gives: the
/// wrapping int32 sums, then the int64 requantisation. Because the numbers are the same, a device
/// may decline any product (too small to be worth the transfer, or failing) and the CPU computes it,
/// even in the middle of a plane.
/// </summary>
public interface IMatrixDevice
{
    /// <summary>The device for people ("CUDA: NVIDIA H100", "ILGPU CPU accelerator").</summary>
    string Name { get; }

    /// <summary>
    /// <see cref="QuantizedConv.OutputRows"/> of <paramref name="conv"/> on the device, or false (and
    /// <paramref name="outputs"/> untouched) where the CPU should compute it instead.
    /// </summary>
    bool TryOutputRows(QuantizedConv conv, int rowStart, int rowEnd, ReadOnlySpan<short> inputs, int positions, Span<long> outputs);
}

/// <summary>
/// Where the engine's batched products run in this process: the CPU unless a device is installed.
/// Process-wide, as a command's --device is: set it before coding starts. The bytes of every file
/// are the same whichever device computes them.
/// </summary>
public static class MatrixDevices
{
    private static volatile IMatrixDevice? _current;

    /// <summary>The installed device, or null: the CPU.</summary>
    public static IMatrixDevice? Current
    {
        get => _current;
        set => _current = value;
    }
}
