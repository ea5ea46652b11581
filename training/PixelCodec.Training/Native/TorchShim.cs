using System.Reflection;
using System.Runtime.InteropServices;

namespace PixelCodec.Training.Native;

/// <summary>
/// The C functions of training/native/shim.cpp. Each returns 0 on success and -1 on failure, with the
/// message in <see cref="LastError"/>; <see cref="Check"/> turns that into a <see cref="TrainingException"/>.
/// </summary>
internal static partial class TorchShim
{
    private const string Library = "pixelcodec_torch";
    private const string LibraryFile = "libpixelcodec_torch.so";

    private static readonly Lazy<bool> Initialized = new(() =>
    {
        Check(pcx_init(Environment.ProcessorCount));
        return true;
    });

    static TorchShim() => NativeLibrary.SetDllImportResolver(typeof(TorchShim).Assembly, Resolve);

    /// <summary>Loads the shim and sets libtorch's threads and allocator once; a missing library is reported here.</summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    /// <summary>libtorch's intra-op threads from now on (all cores until set).</summary>
    public static void SetThreads(int threads)
    {
        EnsureInitialized();
        Check(pcx_init(threads));
    }

    /// <summary>Networks and trainers alive in the shim.</summary>
    public static long LiveHandles => pcx_live_handles();

    /// <summary>Tensors the shim has handed out and C# has not freed yet.</summary>
    public static long LiveTensors => pcx_live_tensors();

    public static void Check(int status)
    {
        if (status != 0)
            throw new TrainingException(Marshal.PtrToStringUTF8(pcx_last_error()) ?? "unknown libtorch error");
    }

    // PIXELCODEC_TORCH_SHIM, then beside this assembly, then artifacts/native of the repository.
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
            return IntPtr.Zero;
        foreach (string candidate in Candidates())
            if (File.Exists(candidate))
                return NativeLibrary.Load(candidate);
        throw new TrainingException($"the libtorch shim {LibraryFile} was not found: run ./setup.sh (it builds training/native), or set PIXELCODEC_TORCH_SHIM");
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("PIXELCODEC_TORCH_SHIM") is { Length: > 0 } configured)
            yield return configured;
        yield return Path.Combine(AppContext.BaseDirectory, LibraryFile);
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "PixelCodec.sln")))
                yield return Path.Combine(folder.FullName, "artifacts", "native", LibraryFile);
    }

    [LibraryImport(Library)] private static partial IntPtr pcx_last_error();
    [LibraryImport(Library)] private static partial long pcx_live_handles();
    [LibraryImport(Library)] private static partial long pcx_live_tensors();
    [LibraryImport(Library)] private static partial int pcx_init(int threads);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int pcx_tensor_from_images(byte* images, long n, long height, long width, string device, out IntPtr tensor);
    [LibraryImport(Library)] internal static partial int pcx_tensor_item(SafeHandle tensor, out double value);
    [LibraryImport(Library)] internal static partial void pcx_tensor_free(IntPtr tensor);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int pcx_network_create(string architecture, long hidden, long layers, long head, long seed, string device, out IntPtr network);
    [LibraryImport(Library)] internal static partial void pcx_network_free(IntPtr network);
    [LibraryImport(Library)] internal static partial int pcx_network_parameter_count(SafeHandle network, out long count);
    [LibraryImport(Library)] internal static unsafe partial int pcx_network_parameter_info(SafeHandle network, long index, byte* name, long nameCapacity, out long rank, long* shape);
    [LibraryImport(Library)] internal static unsafe partial int pcx_network_parameter_read(SafeHandle network, long index, float* values, long count);
    [LibraryImport(Library)] internal static unsafe partial int pcx_network_parameter_write(SafeHandle network, long index, float* values, long count);
    [LibraryImport(Library)] internal static partial int pcx_network_evaluate(SafeHandle network, SafeHandle images, long maxBandPositions, out IntPtr loss);
    [LibraryImport(Library)] internal static unsafe partial int pcx_network_dependence(SafeHandle network, long height, long width, long row, long column, long channel, byte* dependence);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int pcx_trainer_create(SafeHandle network, string optimizer, double learningRate, double clipNorm, out IntPtr trainer);
    [LibraryImport(Library)] internal static partial void pcx_trainer_free(IntPtr trainer);
    [LibraryImport(Library)] internal static partial int pcx_trainer_set_learning_rate(SafeHandle trainer, double learningRate);
    [LibraryImport(Library)] internal static partial int pcx_trainer_step(SafeHandle trainer, SafeHandle images, out IntPtr loss);
    [LibraryImport(Library)] internal static partial int pcx_trainer_distribute(SafeHandle trainer, SafeHandle group, long bucketBytes);
    [LibraryImport(Library)] internal static partial int pcx_trainer_broadcast(SafeHandle trainer, int withOptimizer);
    [LibraryImport(Library)] internal static partial int pcx_trainer_allreduce_stats(SafeHandle trainer, out long buckets, out double waitSeconds);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int pcx_trainer_save(SafeHandle trainer, string path);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int pcx_trainer_load(SafeHandle trainer, string path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int pcx_group_create(string masterHost, int masterPort, int rank, int size, long timeoutMilliseconds, string device, out IntPtr group);
    [LibraryImport(Library)] internal static partial void pcx_group_free(IntPtr group);
    [LibraryImport(Library)] internal static unsafe partial int pcx_group_broadcast(SafeHandle group, byte* data, long length);
    [LibraryImport(Library)] internal static unsafe partial int pcx_group_sum(SafeHandle group, double* values, long count);
}
