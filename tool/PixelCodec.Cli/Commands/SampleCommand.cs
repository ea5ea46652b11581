using System.CommandLine;
using PixelCodec.Imaging;

namespace PixelCodec.Cli.Commands;

internal static class SampleCommand
{
    /// <summary>Samples per row of the grid.</summary>
    private const int Columns = 8;

    private const int MaxSide = 1024;

    public static Command Create()
    {
        var output = CommonOptions.Output($"The grid of samples to write (.png, or .pnm/.ppm), {Columns} to a row with {ImageGrid.Gap} white pixels between them; one sample is written alone; '-' writes PNG to standard output.");
        var sampling = new SamplingOptions("Images to draw.", 1);
        var size = new Option<string>("--size")
        {
            Description = $"WIDTHxHEIGHT of each image, each 1 to {MaxSide}.",
            DefaultValueFactory = _ => "32x32",
        };
        var command = new Command("sample", "Draw images from a model: every sub-pixel is drawn from the table the model would give the decoder.\nExample: pixelcodec sample -m rowlstm-h64 --count 8 --size 32x32 --seed 1 samples.png") { output, size };
        foreach (Option option in sampling.All)
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            (int width, int height) = ParseSize(parse.GetValue(size)!);
            SampleOptions options = sampling.Read(parse);
            IReadOnlyList<RasterImage> images = Sampler.Sample(width, height, parse.GetValue(sampling.Count), options);
            SamplingOptions.WriteGrid(parse.GetValue(output)!, null, images, Columns);
            return 0;
        }));
        return command;
    }

    private static (int Width, int Height) ParseSize(string text)
    {
        string[] parts = text.Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out int width) && int.TryParse(parts[1], out int height) && width is >= 1 and <= MaxSide && height is >= 1 and <= MaxSide)
            return (width, height);
        throw new UserFacingException($"--size must be WIDTHxHEIGHT with each side 1 to {MaxSide} (e.g. 32x32), not '{text}'");
    }
}
