using PixelCodec.Training.Distributed;
using PixelCodec.Training.Native;

namespace PixelCodec.Training.Models;

public enum OptimizerKind
{
    Adam,
    RmsProp,
}

/// <summary>A network and its optimizer: one gradient step per batch.</summary>
public sealed class Trainer : IDisposable
{
    private readonly NativeHandle _handle;
    private readonly string _device;

    public Trainer(Network network, OptimizerKind optimizer, double learningRate, double clipNorm)
    {
        string name = optimizer == OptimizerKind.Adam ? "adam" : "rmsprop";
        TorchShim.Check(TorchShim.pcx_trainer_create(network.Handle, name, learningRate, clipNorm, out IntPtr handle));
        _handle = new NativeHandle(handle, TorchShim.pcx_trainer_free);
        _device = network.Device;
    }

    /// <summary>One step on the batch; returns its loss before the step, in bits per sub-pixel.</summary>
    public double Step(ImageBatch batch)
    {
        using var step = new TensorScope();
        return Step(Tensor.FromImages(batch, _device)).ToDouble();
    }

    /// <summary>One step on images already on the device; returns the loss before the step (a scalar, bits per sub-pixel).</summary>
    public Tensor Step(Tensor images)
    {
        TorchShim.Check(TorchShim.pcx_trainer_step(_handle, images.Handle, out IntPtr loss));
        return new Tensor(loss);
    }

    /// <summary>
    /// From now on each step averages its gradient over <paramref name="group"/> (an all-reduce per
    /// bucket of about <paramref name="bucketBytes"/>, started while backward runs) and reports the
    /// mean loss of the ranks. The group must outlive nothing: the trainer keeps it alive.
    /// </summary>
    public void Distribute(ProcessGroup group, long bucketBytes) =>
        TorchShim.Check(TorchShim.pcx_trainer_distribute(_handle, group.Handle, bucketBytes));

    /// <summary>Rank 0's weights, and with <paramref name="withOptimizer"/> its optimizer's state, on every rank (a collective).</summary>
    public void BroadcastFromRoot(bool withOptimizer) => TorchShim.Check(TorchShim.pcx_trainer_broadcast(_handle, withOptimizer ? 1 : 0));

    /// <summary>Gradient buckets, and the seconds steps waited for their all-reduce after backward (0 and 0 when not distributed).</summary>
    public (long Buckets, double WaitSeconds) AllReduceStats
    {
        get
        {
            TorchShim.Check(TorchShim.pcx_trainer_allreduce_stats(_handle, out long buckets, out double seconds));
            return (buckets, seconds);
        }
    }

    public void SetLearningRate(double learningRate) => TorchShim.Check(TorchShim.pcx_trainer_set_learning_rate(_handle, learningRate));

    /// <summary>Saves the optimizer's state (moments, step counts) in libtorch's format.</summary>
    public void SaveState(string path) => TorchShim.Check(TorchShim.pcx_trainer_save(_handle, path));

    public void LoadState(string path) => TorchShim.Check(TorchShim.pcx_trainer_load(_handle, path));

    public void Dispose() => _handle.Dispose();
}
