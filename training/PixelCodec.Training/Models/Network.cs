using System.Text;
using PixelCodec.Training.Native;

namespace PixelCodec.Training.Models;

/// <summary>A named float32 tensor of a network.</summary>
public sealed record NamedTensor(string Name, int[] Shape, float[] Values);

/// <summary>A float PixelRNN living in libtorch.</summary>
public sealed class Network : IDisposable
{
    private Network(NetworkConfig config, string device, NativeHandle handle)
    {
        Config = config;
        Device = device;
        Handle = handle;
    }

    public NetworkConfig Config { get; }

    public string Device { get; }

    internal NativeHandle Handle { get; }

    /// <param name="device">libtorch's device name: "cpu", or "cuda" where the shim was built against a CUDA libtorch.</param>
    public static Network Create(NetworkConfig config, long seed, string device = "cpu")
    {
        TorchShim.EnsureInitialized();
        TorchShim.Check(TorchShim.pcx_network_create(config.NativeName, config.Hidden, config.Layers, config.Head, seed, device, out IntPtr handle));
        return new Network(config, device, new NativeHandle(handle, TorchShim.pcx_network_free));
    }

    /// <summary>Every parameter, in the network's registration order (the order its file keeps).</summary>
    public unsafe IReadOnlyList<NamedTensor> ReadParameters()
    {
        TorchShim.Check(TorchShim.pcx_network_parameter_count(Handle, out long count));
        var tensors = new List<NamedTensor>((int)count);
        byte* name = stackalloc byte[256];
        long* shape = stackalloc long[8];
        for (long i = 0; i < count; i++)
        {
            TorchShim.Check(TorchShim.pcx_network_parameter_info(Handle, i, name, 256, out long rank, shape));
            int[] dims = new int[rank];
            for (int d = 0; d < rank; d++)
                dims[d] = (int)shape[d];
            var values = new float[dims.Aggregate(1, (a, b) => a * b)];
            fixed (float* v = values)
                TorchShim.Check(TorchShim.pcx_network_parameter_read(Handle, i, v, values.Length));
            tensors.Add(new NamedTensor(Encoding.UTF8.GetString(new ReadOnlySpan<byte>(name, IndexOfNul(name))), dims, values));
        }
        return tensors;
    }

    /// <summary>Overwrites the parameters with <paramref name="tensors"/>, which must match them in name, order and shape.</summary>
    public unsafe void WriteParameters(IReadOnlyList<NamedTensor> tensors)
    {
        IReadOnlyList<NamedTensor> current = ReadParameters();
        if (current.Count != tensors.Count)
            throw new TrainingException($"the model holds {tensors.Count} tensors, the network has {current.Count}");
        for (int i = 0; i < tensors.Count; i++)
        {
            if (current[i].Name != tensors[i].Name || !current[i].Shape.SequenceEqual(tensors[i].Shape))
                throw new TrainingException($"tensor {i} is {tensors[i].Name} [{string.Join('x', tensors[i].Shape)}], the network expects {current[i].Name} [{string.Join('x', current[i].Shape)}]");
            fixed (float* v = tensors[i].Values)
                TorchShim.Check(TorchShim.pcx_network_parameter_write(Handle, i, v, tensors[i].Values.Length));
        }
    }

    /// <summary>
    /// Takes the weights of <paramref name="model"/>, whose configuration this network can start from
    /// (<see cref="NetworkConfig.CanStartFrom"/>): every tensor of this network that the model has by
    /// name; the rest (a conditional network's layers that read the subsample) stay as they are.
    /// </summary>
    public void StartFrom(FloatModel model)
    {
        if (!Config.CanStartFrom(model.Config))
            throw new TrainingException($"a {Config.Describe()} network cannot start from a {model.Config.Describe()} model");
        Dictionary<string, NamedTensor> given = model.Tensors.ToDictionary(t => t.Name);
        WriteParameters([.. ReadParameters().Select(t => given.GetValueOrDefault(t.Name) ?? t)]);
    }

    /// <summary>Positions per band of rows that the head, softmax and loss run on in <see cref="Evaluate"/>: about 100 MB of logits.</summary>
    public const long DefaultBandPositions = 32 * 1024;

    /// <summary>
    /// Mean NLL of a batch in bits per sub-pixel, without gradients. The trunk sees the whole batch; the
    /// head runs on bands of rows of at most <paramref name="maxBandPositions"/> positions (at least one
    /// row), so memory grows with the image only as the trunk's 2h-wide map does.
    /// </summary>
    public double Evaluate(ImageBatch batch, long maxBandPositions = DefaultBandPositions)
    {
        using var scope = new TensorScope();
        Tensor images = Tensor.FromImages(batch, Device);
        TorchShim.Check(TorchShim.pcx_network_evaluate(Handle, images.Handle, maxBandPositions, out IntPtr loss));
        return new Tensor(loss).ToDouble();
    }

    /// <summary>
    /// For one random image: which input sub-pixels [y, x, c] the logits of sub-pixel
    /// (<paramref name="row"/>, <paramref name="column"/>, <paramref name="channel"/>) depend on (non-zero gradient).
    /// </summary>
    public unsafe bool[,,] Dependence(int height, int width, int row, int column, int channel)
    {
        var flags = new byte[height * width * 3];
        fixed (byte* f = flags)
            TorchShim.Check(TorchShim.pcx_network_dependence(Handle, height, width, row, column, channel, f));
        var result = new bool[height, width, 3];
        for (int i = 0; i < flags.Length; i++)
            result[i / (width * 3), i / 3 % width, i % 3] = flags[i] != 0;
        return result;
    }

    public void Dispose() => Handle.Dispose();

    private static unsafe int IndexOfNul(byte* text)
    {
        int length = 0;
        while (text[length] != 0)
            length++;
        return length;
    }
}
