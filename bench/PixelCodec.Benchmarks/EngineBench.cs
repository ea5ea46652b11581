using System.Diagnostics;
using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Mixing;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Benchmarks;

/// <summary>
/// The integer models as codecs, on one folder of images: code length (the tables' ideal bits, the
/// payload, the whole files), the range coder's overhead against the model's own NLL, and encode and
/// decode speed in sub-pixels per second: one image at a time on 1 thread, and images in parallel on
/// 2 threads ("batched"); then, if asked, whole-image against tiled coding on the largest image. Each
/// timing is the median of <c>runs</c> runs. Prints Markdown. Models are .pxim paths, 'baseline' or
/// 'weighted', or blends of them joined by '+' (<see cref="MixtureModel"/>: two as release 1, more on
/// the grid of version 2), as the codec's default is.
/// </summary>
internal static class EngineBench
{
    public static int Run(string folder, int limit, int runs, bool tiles, string[] modelPaths)
    {
        RasterImage[] images = [.. Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).Take(limit > 0 ? limit : int.MaxValue)
            .Select(p => ImageFile.Read(File.ReadAllBytes(p))).Where(i => i.Format == PixelFormat.Rgb)];
        long subpixels = images.Sum(i => (long)i.Pixels.Length);
        Console.WriteLine($"{images.Length} RGB images of {folder}, {subpixels} sub-pixels; {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| model | integer NLL (bits/dim) | payload bits/dim | file bits/dim | coder overhead | encode 1 thread | decode 1 thread | encode 2 threads, batched | decode 2 threads, batched |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<IProbabilityModel> models = [.. modelPaths.Select(Load)];
        foreach (IProbabilityModel model in models)
        {
            var catalog = new ModelCatalog(model);
            byte[][] files = new byte[images.Length][];
            PrnnEncodeResult[] results = new PrnnEncodeResult[images.Length];
            double encode1 = Median(runs, () => Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 1 }, i => (files[i], results[i]) = Encode(images[i], model, 0, 1)));
            double decode1 = Median(runs, () => Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 1 }, i => Check(images[i], files[i], catalog, 1)));
            double encode2 = Median(runs, () => Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => (files[i], results[i]) = Encode(images[i], model, 0, 1)));
            double decode2 = Median(runs, () => Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => Check(images[i], files[i], catalog, 1)));
            double ideal = results.Sum(r => r.IdealBits), payload = results.Sum(r => r.PayloadBytes * 8.0), whole = files.Sum(f => f.Length * 8.0);
            Console.WriteLine($"| {model.Identity.Name} | {ideal / subpixels:F4} | {payload / subpixels:F4} | {whole / subpixels:F4} | {(payload / ideal - 1) * 100:F3}% | {Rate(subpixels, encode1)} | {Rate(subpixels, decode1)} | {Rate(subpixels, encode2)} | {Rate(subpixels, decode2)} |");
        }

        if (!tiles)
            return 0;
        RasterImage largest = images.MaxBy(i => i.Pixels.Length)!;
        Console.WriteLine();
        Console.WriteLine($"Whole against tiled on the largest image ({largest.Width}x{largest.Height}):");
        Console.WriteLine();
        Console.WriteLine("| model | tiles | file bits/dim | encode 1 thread | decode 1 thread | encode 2 threads | decode 2 threads |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (IProbabilityModel model in models)
            foreach (int tile in new[] { 0, 64, 32 }.Where(t => t < Math.Max(largest.Width, largest.Height)))
            {
                var catalog = new ModelCatalog(model);
                byte[] file = [];
                double[] seconds = [.. new[] { 1, 2 }.SelectMany(threads => new[]
                {
                    Median(runs, () => file = Encode(largest, model, tile, threads).File),
                    Median(runs, () => Check(largest, file, catalog, threads)),
                })];
                Console.WriteLine($"| {model.Identity.Name} | {(tile == 0 ? "whole" : $"{tile}x{tile}")} | {file.Length * 8.0 / largest.Pixels.Length:F4} | " +
                                  string.Join(" | ", seconds.Select(s => Rate(largest.Pixels.Length, s))) + " |");
            }
        return 0;
    }

    private static IProbabilityModel Load(string path)
    {
        IProbabilityModel[] experts = [.. path.Split('+').Select(LoadOne)];
        return experts.Length switch
        {
            1 => experts[0],
            2 => new MixtureModel(experts[0], experts[1]),
            _ => MixtureModel.Of(experts),
        };
    }

    private static IProbabilityModel LoadOne(string name) => name switch
    {
        "baseline" => ContextModel.Instance,
        WeightedPredictorModel.Name => WeightedPredictorModel.Instance,
        _ => new NeuralModel(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(name)))!, File.ReadAllBytes(name)),
    };

    private static (byte[] File, PrnnEncodeResult Result) Encode(RasterImage image, IProbabilityModel model, int tile, int threads)
    {
        using var stream = new MemoryStream();
        PrnnEncodeResult result = PrnnEncoder.Encode(image, new PrnnEncodeOptions(model, tile, threads), stream);
        return (stream.ToArray(), result);
    }

    private static void Check(RasterImage image, byte[] file, ModelCatalog catalog, int threads)
    {
        if (!image.PixelsEqual(PrnnDecoder.Decode(file, catalog, threads)))
            throw new InvalidOperationException("a round trip lost pixels");
    }

    private static double Median(int runs, Action action)
    {
        double[] seconds = new double[runs];
        for (int run = 0; run < seconds.Length; run++)
        {
            var clock = Stopwatch.StartNew();
            action();
            seconds[run] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        return seconds[runs / 2];
    }

    private static string Rate(long subpixels, double seconds) => $"{subpixels / seconds:N0}/s";
}
