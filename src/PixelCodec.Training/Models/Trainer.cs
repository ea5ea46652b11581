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

    public Trainer(Network network, OptimizerKind optimizer, double learningRate, double clipNorm)
    {
        string name = optimizer == OptimizerKind.Adam ? "adam" : "rmsprop";
        TorchShim.Check(TorchShim.pcx_trainer_create(network.Handle, name, learningRate, clipNorm, out IntPtr handle));
        _handle = new NativeHandle(handle, TorchShim.pcx_trainer_free);
    }

    /// <summary>One step on the batch; returns its loss before the step, in bits per sub-pixel.</summary>
    public unsafe double Step(ImageBatch batch)
    {
        double bits;
        fixed (byte* images = batch.Pixels)
            TorchShim.Check(TorchShim.pcx_trainer_step(_handle, images, batch.Count, batch.Height, batch.Width, out bits));
        return bits;
    }

    public void SetLearningRate(double learningRate) => TorchShim.Check(TorchShim.pcx_trainer_set_learning_rate(_handle, learningRate));

    /// <summary>Saves the optimizer's state (moments, step counts) in libtorch's format.</summary>
    public void SaveState(string path) => TorchShim.Check(TorchShim.pcx_trainer_save(_handle, path));

    public void LoadState(string path) => TorchShim.Check(TorchShim.pcx_trainer_load(_handle, path));

    public void Dispose() => _handle.Dispose();
}
