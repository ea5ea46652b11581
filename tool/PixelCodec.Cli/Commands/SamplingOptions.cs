using System.CommandLine;
using PixelCodec.Cli.Files;
using PixelCodec.Imaging;
using PixelCodec.Modeling.Sampling;

namespace PixelCodec.Cli.Commands;

/// <summary>
/// The options `sample` and `complete` share, checked in the command's body so that every bad value
/// is one line (<see cref="CommandRunner"/>), and the writing of their grid.
/// </summary>
internal sealed class SamplingOptions
{
    public const int MaxCount = 64;

    public Option<string> Model { get; } = new("--model", "-m")
    {
        Description = $"The model to draw from: {ModelChoice.Help}. Any model that codes RGB planes can draw; the shipped PixelRNNs are the ones worth looking at.",
        DefaultValueFactory = _ => ShippedModels.DefaultName,
    };

    public Option<int> Count { get; }

    public Option<ulong> Seed { get; } = new("--seed", "-s")
    {
        Description = "Seed of the generator (SplitMix64): the same seed gives the same images on every machine, SIMD setting and thread count; image i draws from its own stream of it, so it is the same whatever --count.",
        DefaultValueFactory = _ => 0,
    };

    public Option<decimal> Temperature { get; } = new("--temperature", "-t")
    {
        Description = $"1 draws from the model's tables as they are; value k is drawn with probability proportional to f_k^(1/T), so below 1 sharpens and above 1 flattens them; 0 always takes the most likely value. 0, or {Modeling.Sampling.Temperature.Min} to {Modeling.Sampling.Temperature.Max}.",
        DefaultValueFactory = _ => 1m,
    };

    public Option<int> Threads { get; } = new("--threads", "-j")
    {
        Description = "Images drawn at once. The images never depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public SamplingOptions(string countDescription, int defaultCount) => Count = new Option<int>("--count", "-n")
    {
        Description = countDescription,
        DefaultValueFactory = _ => defaultCount,
    };

    public IEnumerable<Option> All => [Model, Count, Seed, Temperature, Threads];

    /// <summary>The options as the library takes them, or a <see cref="UserFacingException"/> naming the one out of range.</summary>
    public SampleOptions Read(ParseResult parse)
    {
        if (parse.GetValue(Count) is < 1 or > MaxCount)
            throw new UserFacingException($"--count must be 1 to {MaxCount}");
        decimal temperature = parse.GetValue(Temperature);
        if (temperature != 0 && temperature is < Modeling.Sampling.Temperature.Min or > Modeling.Sampling.Temperature.Max)
            throw new UserFacingException($"--temperature must be 0 (always the most likely value) or from {Modeling.Sampling.Temperature.Min} to {Modeling.Sampling.Temperature.Max}");
        if (parse.GetValue(Threads) < 1)
            throw new UserFacingException("--threads must be at least 1");
        return new SampleOptions { Model = parse.GetValue(Model)!, Seed = parse.GetValue(Seed), Temperature = temperature, Threads = parse.GetValue(Threads) };
    }

    /// <summary>Writes the images as one grid of <paramref name="columns"/> columns (<see cref="ImageGrid"/>), as PNG or PNM by the output's extension ('-': PNG on standard output).</summary>
    public static void WriteGrid(string outputPath, string? inputPath, IReadOnlyList<RasterImage> images, int columns)
    {
        ImageFileType type = outputPath == InputFile.StandardStream ? ImageFileType.Png : ImageFile.TypeForPath(outputPath);
        RasterImage grid = ImageGrid.Compose(images, columns);
        OutputFile.Write(outputPath, inputPath, stream => ImageFile.Write(grid, stream, type));
    }
}
