using System.CommandLine;
using PixelCodec.Cli.Files;
using PixelCodec.Cli.Progress;
using PixelCodec.Container;
using PixelCodec.Imaging;

namespace PixelCodec.Cli.Commands;

internal static class DecodeCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input("The .prnn file to decode; '-' reads standard input.");
        var output = CommonOptions.Output("The image to write: .png, or .pnm/.ppm/.pgm (no alpha); '-' writes standard output in the --format given.");
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "A model file (.pxim) that may have coded the file, besides the baseline and the shipped models (repeatable). The file names the one it needs.",
            DefaultValueFactory = _ => [],
        };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.CodingDevice();
        var format = new Option<ImageFileType?>("--format")
        {
            Description = "Image format to write; by default taken from the output's extension (PNG for '-').",
        };
        var allowDenseVersion1 = new Option<bool>("--allow-dense-v1")
        {
            Description = "Decode a file of the first format version even where it claims far more pixels than its bytes would hold in today's format: a near-constant image may, and so may a hostile file that would keep the decoder busy for as long as its claimed size allows.",
        };
        var preview = new Option<bool>("--preview")
        {
            Description = "Write only the half-size preview that a multi-scale file codes first (the image's 2x2 subsample, RGB), decoded from the start of the file alone: a truncated file that holds it is enough.",
        };
        var command = new Command("decode", "Decompress a .prnn file back to the exact original pixels; the result is checked against the file's checksum before anything is written.\nExample: pixelcodec decode photo.prnn photo.png")
        {
            input, output, models, threads, device, format, allowDenseVersion1, preview,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;
            ImageFileType type = parse.GetValue(format)
                ?? (outputPath == InputFile.StandardStream ? ImageFileType.Png : ImageFile.TypeForPath(outputPath));
            byte[] file = InputFile.ReadAll(inputPath);
            if (parse.GetValue(preview))
            {
                RasterImage small = PrnnCodec.DecodePreview(file, new DecodeOptions { ModelFiles = parse.GetValue(models)! });
                OutputFile.Write(outputPath, inputPath, stream => ImageFile.Write(small, stream, type));
                return 0;
            }
            PrnnHeader header = PrnnCodec.ReadHeader(file);
            int threadCount = parse.GetValue(threads);
            CodingDevices.Install(parse.GetValue(device)!, (long)header.Width * header.Height * header.Planes.Sum(p => p.Channels),
                                  batched: header.Tiles.Count > threadCount);
            var options = new DecodeOptions
            {
                ModelFiles = parse.GetValue(models)!, Threads = parse.GetValue(threads), AllowDenseVersion1 = parse.GetValue(allowDenseVersion1),
            };
            RasterImage image = TerminalProgress.Run($"decoding {Path.GetFileName(inputPath)}", progress => PrnnCodec.Decode(file, options with { Progress = progress }));
            OutputFile.Write(outputPath, inputPath, stream => ImageFile.Write(image, stream, type));
            return 0;
        }));
        return command;
    }
}
