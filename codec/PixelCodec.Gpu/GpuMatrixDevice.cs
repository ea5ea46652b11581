using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using PixelCodec.Engine;

namespace PixelCodec.Gpu;

/// <summary>
/// The engine's batched products (<see cref="QuantizedConv.OutputRows"/>) on an ILGPU accelerator:
/// an NVIDIA GPU through CUDA (ILGPU emits PTX and needs only the driver at run time), or ILGPU's CPU
/// accelerator, which runs the very same kernel in .NET threads and is how the tests prove the
/// kernel bit-exact on machines without a GPU.
///
/// Read me first: one thread per output (position, row) computes bias + sum of int16 x int16 products
/// in int32, wrapping, then (acc x multiplier + 2^(shift-1)) >> shift in int64: the CPU engine's
/// arithmetic term for term. Wrapping addition is associative, so the order of the sum cannot change
/// the result, and the CPU may take over any product at any time (a small one, or after a failure)
/// without changing a byte of the file.
/// </summary>
public sealed class GpuMatrixDevice : IMatrixDevice, IDisposable
{
    /// <summary>Products below this many multiply-adds stay on the CPU by default: copying them to a GPU and back costs more than computing them.</summary>
    public const long DefaultMinimumWork = 1 << 22;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Action<Index2D, ArrayView<short>, ArrayView<int>, ArrayView<short>, ArrayView<long>, int, int, int> _kernel;
    private readonly ConditionalWeakTable<QuantizedConv, ConvOnDevice> _convs = [];
    private readonly long _minimumWork;
    private readonly Action<string> _onFailure;
    private readonly Lock _lock = new();
    private MemoryBuffer1D<short, Stride1D.Dense>? _inputs;
    private MemoryBuffer1D<long, Stride1D.Dense>? _outputs;
    private bool _failed;

    private GpuMatrixDevice(Context context, Device device, long minimumWork, Action<string> onFailure)
    {
        _context = context;
        _accelerator = device.CreateAccelerator(context);
        _kernel = _accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<short>, ArrayView<int>, ArrayView<short>, ArrayView<long>, int, int, int>(Products);
        _minimumWork = minimumWork;
        _onFailure = onFailure;
        Name = device is CudaDevice ? $"CUDA: {device.Name}" : $"ILGPU {device.AcceleratorType} accelerator";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// The first CUDA GPU, or null with <paramref name="problem"/> saying why there is none (no NVIDIA
    /// driver, no device, or it could not be started).
    /// </summary>
    /// <param name="minimumWork">Products of fewer multiply-adds stay on the CPU.</param>
    /// <param name="onFailure">Told, once, if the GPU fails while coding; the CPU then computes everything.</param>
    /// <param name="problem">Why there is no GPU, when null is returned; empty otherwise.</param>
    public static GpuMatrixDevice? TryCuda(long minimumWork, Action<string> onFailure, out string problem)
    {
        Context? context = null;
        try
        {
            context = Context.Create(builder => builder.Cuda());
            Device? device = context.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.Cuda);
            if (device is null)
            {
                context.Dispose();
                problem = "no CUDA GPU found (an NVIDIA GPU and its driver are needed)";
                return null;
            }
            problem = "";
            return new GpuMatrixDevice(context, device, minimumWork, onFailure);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context?.Dispose();
            problem = $"the GPU could not be started: {e.Message}";
            return null;
        }
    }

    /// <summary>ILGPU's CPU accelerator running the GPU kernel: for proving the kernel's numbers where no GPU is present (slow).</summary>
    /// <param name="minimumWork">Products of fewer multiply-adds stay on the CPU engine (0: every product runs the kernel).</param>
    public static GpuMatrixDevice OnCpuAccelerator(long minimumWork = 0)
    {
        // Two threads in one group of one warp: each simulated GPU thread is an operating-system thread,
        // and more of them than cores only adds switching.
        var device = new CPUDevice(numThreadsPerWarp: 2, numWarpsPerMultiprocessor: 1, numMultiprocessors: 1);
        Context context = Context.Create(builder => builder.CPU(device));
        return new GpuMatrixDevice(context, device, minimumWork, _ => { });
    }

    /// <summary>How many products the kernel has computed: the tests check that the device was really used.</summary>
    public long KernelRuns { get; private set; }

    /// <inheritdoc />
    public bool TryOutputRows(QuantizedConv conv, int rowStart, int rowEnd, ReadOnlySpan<short> inputs, int positions, Span<long> outputs)
    {
        int rows = rowEnd - rowStart;
        if ((long)positions * rows * conv.PaddedInputs < _minimumWork || rows <= 0 || positions <= 0)
            return false;
        lock (_lock)
        {
            if (_failed)
                return false;
            try
            {
                ConvOnDevice onDevice = _convs.GetValue(conv, c => new ConvOnDevice(_accelerator, c));
                int inputLength = positions * conv.PaddedInputs, outputLength = positions * rows;
                MemoryBuffer1D<short, Stride1D.Dense> inputBuffer = Room(ref _inputs, inputLength);
                MemoryBuffer1D<long, Stride1D.Dense> outputBuffer = Room(ref _outputs, outputLength);
                ((ArrayView<short>)inputBuffer.View).SubView(0, inputLength).CopyFromCPU(inputs[..inputLength]);
                _kernel(new Index2D(positions, rows), onDevice.Weights.View, onDevice.RowParameters.View, inputBuffer.View, outputBuffer.View,
                        conv.PaddedInputs, rowStart, rows);
                ((ArrayView<long>)outputBuffer.View).SubView(0, outputLength).CopyToCPU(outputs[..outputLength]);
                KernelRuns++;
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _failed = true;
                _onFailure($"the GPU failed ({e.Message}); the CPU computes the rest");
                return false;
            }
        }
    }

    // One thread per (position, row): the CPU engine's QuantizedConv.Output, term for term.
    private static void Products(Index2D index, ArrayView<short> weights, ArrayView<int> rowParameters, ArrayView<short> inputs, ArrayView<long> outputs,
                                 int paddedInputs, int rowStart, int rows)
    {
        int position = index.X, row = rowStart + index.Y;
        long weightAt = (long)row * paddedInputs, inputAt = (long)position * paddedInputs;
        int accumulator = rowParameters[3 * row];
        for (int k = 0; k < paddedInputs; k++)
            accumulator += weights[weightAt + k] * inputs[inputAt + k];
        int shift = rowParameters[3 * row + 2];
        outputs[(long)position * rows + index.Y] = ((long)accumulator * rowParameters[3 * row + 1] + (1L << (shift - 1))) >> shift;
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Room<T>(ref MemoryBuffer1D<T, Stride1D.Dense>? buffer, int length) where T : unmanaged
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer?.Dispose();
            buffer = _accelerator.Allocate1D<T>(Math.Max(length, 2 * (buffer?.Length ?? 0)));
        }
        return buffer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _inputs?.Dispose();
            _outputs?.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    // A layer's weights (padded rows, zeros past its inputs) and per row its bias, multiplier and shift, kept on the device.
    private sealed class ConvOnDevice
    {
        public ConvOnDevice(Accelerator accelerator, QuantizedConv conv)
        {
            var weights = new short[conv.Outputs * conv.PaddedInputs];
            var parameters = new int[3 * conv.Outputs];
            for (int o = 0; o < conv.Outputs; o++)
            {
                conv.Weights(o).CopyTo(weights.AsSpan(o * conv.PaddedInputs));
                parameters[3 * o] = conv.Bias[o];
                parameters[3 * o + 1] = conv.Multiplier[o];
                parameters[3 * o + 2] = conv.Shift[o];
            }
            Weights = accelerator.Allocate1D(weights);
            RowParameters = accelerator.Allocate1D(parameters);
        }

        public MemoryBuffer1D<short, Stride1D.Dense> Weights { get; }

        public MemoryBuffer1D<int, Stride1D.Dense> RowParameters { get; }
    }
}
