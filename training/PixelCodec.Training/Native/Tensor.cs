using PixelCodec.Training.Models;

namespace PixelCodec.Training.Native;

/// <summary>
/// A libtorch tensor held by C#. One created while a <see cref="TensorScope"/> is open on this thread
/// is freed when that scope ends, so a training step's temporaries never outlive the step.
/// </summary>
public sealed class Tensor : IDisposable
{
    internal Tensor(IntPtr handle)
    {
        Handle = new NativeHandle(handle, TorchShim.pcx_tensor_free);
        TensorScope.Current?.Track(this);
    }

    internal NativeHandle Handle { get; }

    /// <summary>A copy of the batch as uint8 [N, H, W, 3] on <paramref name="device"/> ("cpu", "cuda").</summary>
    public static unsafe Tensor FromImages(ImageBatch batch, string device)
    {
        TorchShim.EnsureInitialized();
        IntPtr handle;
        fixed (byte* images = batch.Pixels)
            TorchShim.Check(TorchShim.pcx_tensor_from_images(images, batch.Count, batch.Height, batch.Width, device, out handle));
        return new Tensor(handle);
    }

    /// <summary>The value of a one-element tensor.</summary>
    public double ToDouble()
    {
        TorchShim.Check(TorchShim.pcx_tensor_item(Handle, out double value));
        return value;
    }

    public void Dispose() => Handle.Dispose();
}
