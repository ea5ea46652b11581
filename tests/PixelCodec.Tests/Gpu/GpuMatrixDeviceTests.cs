using System.Security.Cryptography;
using PixelCodec.Engine;
using PixelCodec.Gpu;
using PixelCodec.Imaging;
using PixelCodec.Tests.Cli;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Gpu;

/// <summary>Tests that install a device for the whole process (<see cref="MatrixDevices.Current"/>) run alone, after the rest.</summary>
[CollectionDefinition(nameof(InstalledDevice), DisableParallelization = true)]
public sealed class InstalledDevice;

/// <summary>
/// The GPU kernel, run on ILGPU's CPU accelerator (the same kernel a CUDA GPU runs, executed in .NET
/// threads): its products are the CPU engine's to the bit, including where the int32 sums wrap, and
/// with it computing every batched product the shipped models write the pinned bytes and decode them.
/// </summary>
[Collection(nameof(InstalledDevice))]
public sealed class GpuMatrixDeviceTests
{
    [Fact]
    public void KernelGivesTheCpuEnginesNumbersEvenWhereTheSumsWrap()
    {
        var random = new Random(5);
        using GpuMatrixDevice device = GpuMatrixDevice.OnCpuAccelerator();
        foreach ((int outputs, int inputs, bool extreme) in new[] { (7, 75, false), (64, 384, false), (5, 1000, true), (3, 33, true) })
        {
            short[] weights = [.. Enumerable.Range(0, outputs * inputs).Select(_ => (short)(extreme ? random.Next(2) * 65535 - 32768 + random.Next(2) : random.Next(-1023, 1024)))];
            int[] bias = [.. Enumerable.Range(0, outputs).Select(o => extreme && o == 0 ? int.MaxValue : random.Next(-1 << 20, 1 << 20))];
            int[] multiplier = [.. Enumerable.Range(0, outputs).Select(o => extreme && o == 1 ? int.MaxValue : random.Next(1, 1 << 16))];
            int[] shift = [.. Enumerable.Range(0, outputs).Select(o => extreme ? 1 + o * 61 / Math.Max(outputs - 1, 1) : random.Next(8, 24))];
            var conv = new QuantizedConv(outputs, inputs, weights, bias, multiplier, shift);
            const int positions = 9;
            short[] vectors = new short[positions * conv.PaddedInputs];
            for (int p = 0; p < positions; p++)
                for (int k = 0; k < inputs; k++)
                    vectors[p * conv.PaddedInputs + k] = extreme ? (short)(random.Next(2) == 0 ? short.MinValue : short.MaxValue) : (short)random.Next(short.MinValue, short.MaxValue + 1);

            int rowStart = outputs > 3 ? 1 : 0, rows = outputs - rowStart;
            var onDevice = new long[positions * rows];
            Assert.True(device.TryOutputRows(conv, rowStart, outputs, vectors, positions, onDevice));
            var onCpu = new long[positions * rows];
            conv.OutputRows(rowStart, outputs, vectors, positions, onCpu);
            Assert.Equal(Oracle(weights, bias, multiplier, shift, inputs, conv.PaddedInputs, vectors, positions, rowStart, outputs), onDevice);
            Assert.Equal(onCpu, onDevice);
        }
        Assert.Equal(4, device.KernelRuns);
    }

    // The engine's arithmetic written out: bias + the int16 products summed in int32, wrapping; then
    // (acc * multiplier + 2^(shift - 1)) >> shift in int64.
    private static long[] Oracle(short[] weights, int[] bias, int[] multiplier, int[] shift, int inputs, int stride, short[] vectors, int positions, int rowStart, int rowEnd)
    {
        int rows = rowEnd - rowStart;
        var outputs = new long[positions * rows];
        for (int p = 0; p < positions; p++)
            for (int o = rowStart; o < rowEnd; o++)
            {
                int accumulator = bias[o];
                for (int k = 0; k < inputs; k++)
                    accumulator = unchecked(accumulator + weights[o * inputs + k] * vectors[p * stride + k]);
                outputs[p * rows + o - rowStart] = ((long)accumulator * multiplier[o] + (1L << (shift[o] - 1))) >> shift[o];
            }
        return outputs;
    }

    [Fact]
    public void ProductsBelowTheMinimumStayOnTheCpu()
    {
        using GpuMatrixDevice device = GpuMatrixDevice.OnCpuAccelerator(minimumWork: 1 << 20);
        var conv = new QuantizedConv(2, 32, new short[64], [1, 2], [1, 1], [1, 1]);
        long[] outputs = [-7, -7];
        Assert.False(device.TryOutputRows(conv, 0, 2, new short[32], 1, outputs));
        Assert.Equal([-7, -7], outputs);
        Assert.Equal(0, device.KernelRuns);
    }

    // One shipped model per architecture (the blends and the photograph-tuned Row LSTM run the same
    // kernels on the same layer shapes; the ILGPU CPU accelerator is slow, about 30 s a model here).
    public static TheoryData<string> Models() => new("rowlstm-h64", "pixelcnn-h64", "diagbilstm-h64");

    [Theory]
    [MemberData(nameof(Models))]
    public void ShippedModelsWriteThePinnedBytesWithTheKernelAndDecodeThem(string model)
    {
        RasterImage image = ImageFile.Read(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "corpus", "imagenet32-valid", "n01514859_hen.png")));
        (string whole, string tiled) = RuntimeSettingsTests.NeuralPinned[model];
        using GpuMatrixDevice device = GpuMatrixDevice.OnCpuAccelerator();
        MatrixDevices.Current = device;
        try
        {
            byte[] wholeFile = PrnnCodec.Encode(image, new EncodeOptions { Model = model, Threads = 1 });
            Assert.Equal(whole, Convert.ToHexStringLower(SHA256.HashData(wholeFile)));
            byte[] tiledFile = PrnnCodec.Encode(image, new EncodeOptions { Model = model, TileSize = 16, Threads = 2 });
            Assert.Equal(tiled, Convert.ToHexStringLower(SHA256.HashData(tiledFile)));
            long encoding = device.KernelRuns;
            Assert.True(encoding > 0);
            // Tiles decode in step (IntegerNetwork.TablesTogether): batched products, so on the device too.
            Assert.True(image.PixelsEqual(PrnnCodec.Decode(tiledFile, new DecodeOptions { Threads = 1 })));
            Assert.True(device.KernelRuns > encoding);
        }
        finally
        {
            MatrixDevices.Current = null;
        }
    }
}
