using System.CommandLine;
using PixelCodec.Cli.Files;
using PixelCodec.Cli.Progress;
using PixelCodec.Container;
using PixelCodec.Imaging;

namespace PixelCodec.Cli.Commands;

internal static class EncodeCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input("The image to compress: PNG (any bit depth and colour type) or PNM (P5, P6; maxval 255 or 65535); '-' reads standard input.");
        var output = CommonOptions.Output("The .prnn file to write; '-' writes standard output.");
        var model = CommonOptions.Model();
        var threads = CommonOptions.Threads();
        var device = CommonOptions.CodingDevice();
        var tile = new Option<int>("--tile")
        {
            Description = "Code independent square tiles of this size (decodable in parallel, at some cost in size); 0 codes the image whole.",
            DefaultValueFactory = _ => 0,
            Validators = { CommonOptions.InRange(0, int.MaxValue, "--tile must be 0 or positive") },
        };
        var effort = new Option<int>("--effort", "-e")
        {
            Description = $"1 (fast, the default) codes with the model; 2 also tries the classical models and lighter blends and keeps the smallest file (for --model default; encoding is slower, decoding is not).",
            DefaultValueFactory = _ => 1,
            Validators = { CommonOptions.InRange(1, ModelChoice.MaxEffort, $"--effort must be 1 to {ModelChoice.MaxEffort}") },
        };
        var command = new Command("encode", "Compress an image losslessly into a .prnn file.\nExample: pixelcodec encode photo.png photo.prnn")
        {
            input, output, model, effort, tile, threads, device,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;
            RasterImage image = ImageFile.Read(InputFile.ReadAll(inputPath), out IReadOnlyList<string> warnings);
            foreach (string warning in warnings)
                Console.Error.WriteLine($"pixelcodec: warning: {inputPath}: {warning}");
            CodingDevices.Install(parse.GetValue(device)!, (long)image.Width * image.Height * image.Channels);
            var options = new EncodeOptions { Model = parse.GetValue(model)!, TileSize = parse.GetValue(tile), Threads = parse.GetValue(threads), Effort = parse.GetValue(effort) };
            PrnnEncodeResult result = null!;
            OutputFile.Write(outputPath, inputPath, stream =>
                result = TerminalProgress.Run($"encoding {Path.GetFileName(inputPath)}", progress => PrnnCodec.Encode(image, stream, options with { Progress = progress })));
            double bitsPerSubpixel = result.FileBytes * 8.0 / ((long)image.Width * image.Height * image.Channels);
            Console.Error.WriteLine($"{inputPath}: {image.Width}x{image.Height} {image.Format}{(image.BitDepth == 16 ? " 16-bit" : "")} -> {result.FileBytes} bytes, {bitsPerSubpixel:F3} bits/sub-pixel");
            return 0;
        }));
        return command;
    }
}
