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

    public void SetLearningRate(double learningRate) => TorchShim.Check(TorchShim.pcx_trainer_set_learning_rate(_handle, learningRate));

    /// <summary>Saves the optimizer's state (moments, step counts) in libtorch's format.</summary>
    public void SaveState(string path) => TorchShim.Check(TorchShim.pcx_trainer_save(_handle, path));

    public void LoadState(string path) => TorchShim.Check(TorchShim.pcx_trainer_load(_handle, path));

    public void Dispose() => _handle.Dispose();
}
