using PixelCodec.Engine;
using PixelCodec.Gpu;

namespace PixelCodec.Cli;

/// <summary>What a coding command's --device installs (<see cref="MatrixDevices.Current"/>) before it codes.</summary>
internal static class CodingDevices
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";
    public const string Auto = "auto";

    /// <summary>
    /// 'auto' looks for a GPU only for jobs of this many sub-pixels or more: below it, starting the GPU
    /// and copying to it cost more than the products it would take over.
    /// </summary>
    public const long AutoMinimumSubpixels = 1 << 20;

    /// <summary>
    /// Installs the device <paramref name="choice"/> names for a job of <paramref name="subpixels"/>
    /// sub-pixels; notes on standard error where a GPU was asked for and is not there, or where the job
    /// has no batched products for it (<paramref name="batched"/> false: a file decoded position by
    /// position, whose products are matrix-vector ones that stay on the CPU).
    /// </summary>
    public static void Install(string choice, long subpixels, bool batched = true)
    {
        if (choice == Cpu || (choice == Auto && (subpixels < AutoMinimumSubpixels || !batched)))
            return;
        if (!batched)
        {
            Console.Error.WriteLine("pixelcodec: note: this file decodes position by position (no tiles to decode in step), which the GPU does not take; decoding on the CPU");
            return;
        }
        GpuMatrixDevice? device = GpuMatrixDevice.TryCuda(GpuMatrixDevice.DefaultMinimumWork, note => Console.Error.WriteLine($"pixelcodec: note: {note}"), out string problem);
        if (device is null)
        {
            if (choice == Gpu)
                Console.Error.WriteLine($"pixelcodec: note: {problem}; coding on the CPU");
            return;
        }
        MatrixDevices.Current = device;
        if (choice == Gpu)
            Console.Error.WriteLine($"pixelcodec: coding on {device.Name}");
    }
}
