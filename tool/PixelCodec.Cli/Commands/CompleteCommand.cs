using System.CommandLine;
using PixelCodec.Cli.Files;
using PixelCodec.Imaging;

namespace PixelCodec.Cli.Commands;

internal static class CompleteCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input("The image to complete: an 8-bit RGB PNG or PNM (grey too, with a model that codes grey, such as 'weighted'); '-' reads standard input.");
        var output = CommonOptions.Output($"The image to write (.png, or .pnm/.ppm): the original, then the completions, in one row with {ImageGrid.Gap} white pixels between them (as Figure 9 of the PixelRNN paper); '-' writes PNG to standard output.");
        var sampling = new SamplingOptions("Completions drawn, beside the original.", 1);
        var keepRows = new Option<int>("--keep-rows", "-r")
        {
            Description = "Rows kept from the top of the image; the model observes them, and draws every row below.",
            Required = true,
        };
        var command = new Command("complete", "Keep the top rows of an image and draw the rest from a model.\nExample: pixelcodec complete -m rowlstm-h64 --keep-rows 16 --count 4 --seed 1 photo.png completions.png") { input, output, keepRows };
        foreach (Option option in sampling.All)
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string inputPath = parse.GetValue(input)!;
            RasterImage image = ImageFile.Read(InputFile.ReadAll(inputPath), out IReadOnlyList<string> warnings);
            foreach (string warning in warnings)
                Console.Error.WriteLine($"pixelcodec: warning: {inputPath}: {warning}");
            if (image.BitDepth != 8 || image.Format.HasAlpha())
                throw new UserFacingException($"{inputPath}: complete takes 8-bit RGB or grey images, not {image.BitDepth}-bit {image.Format}");
            int rows = parse.GetValue(keepRows);
            if (rows < 0 || rows > image.Height)
                throw new UserFacingException($"--keep-rows must be 0 to the image's height, {image.Height}, not {rows}");
            SampleOptions options = sampling.Read(parse);
            IReadOnlyList<RasterImage> completions = Sampler.Complete(image, rows, parse.GetValue(sampling.Count), options);
            SamplingOptions.WriteGrid(parse.GetValue(output)!, inputPath, [image, .. completions], completions.Count + 1);
            return 0;
        }));
        return command;
    }
}
