using System.CommandLine;
using System.Globalization;
using PixelCodec.Cli.Files;
using PixelCodec.Engine;
using PixelCodec.Training.Data;
using PixelCodec.Training.Export;
using PixelCodec.Training.Models;
using PixelCodec.Training.Runs;

namespace PixelCodec.Cli.Commands;

/// <summary>`pixelcodec export`: a float model to the integer model the codec runs.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The float model (.pxfm) to export.", Required = true };
        var calibration = new Option<string>("--calibration") { Description = "Images to calibrate activation scales on (train_32x32/ is used where present).", Required = true };
        var calibrationImages = new Option<int>("--calibration-images") { Description = "How many calibration images to use.", DefaultValueFactory = _ => 64 };
        var output = new Option<string>("--out") { Description = "The integer model file to write (.pxim).", Required = true };
        var valid = new Option<string?>("--valid") { Description = "Also report float NLL and integer code length on these images (valid_32x32/ where present)." };
        var validImages = new Option<int>("--valid-images") { Description = "Validate on the first this many images (0: all).", DefaultValueFactory = _ => 0 };
        var command = new Command("export", "Turn a float model into the integer model the codec runs (bit-exact on every machine).\n" +
            "Example: pixelcodec export --model runs/rowlstm/model.pxfm --calibration ../shared/data/imagenet32-sample --out rowlstm.pxim --valid ../shared/data/imagenet32-sample")
        {
            model, calibration, calibrationImages, output, valid, validImages,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            FloatModel saved = FloatModelFile.Read(parse.GetValue(model)!);
            IImageCollection calibrationSet = ImageSets.Open(parse.GetValue(calibration)!, "train_32x32");
            IntegerModel integer = IntegerExport.Export(saved, IntegerEvaluation.Calibration(calibrationSet, parse.GetValue(calibrationImages)));
            byte[] file = IntegerModelFile.Write(integer);
            string path = parse.GetValue(output)!;
            OutputFile.Write(path, parse.GetValue(model), stream => stream.Write(file));
            Console.WriteLine($"{path}: {integer.Description}, {file.Length} bytes, model id {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file), 0, 6)}");
            if (parse.GetValue(valid) is { } validPath)
            {
                EvaluationSet set = EvaluationSet.Open(validPath, "valid_32x32", parse.GetValue(validImages));
                using Network network = Network.Create(saved.Config, seed: 0);
                network.WriteParameters(saved.Tensors);
                double floatBits = set.BitsPerSubpixel(g => Evaluation.BitsPerSubpixel(network, g));
                double integerBits = IntegerEvaluation.BitsPerSubpixel(integer, set);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"float NLL {floatBits:0.0000} bits/dim, integer code length {integerBits:0.0000} bits/dim ({(integerBits / floatBits - 1) * 100:+0.00;-0.00}%) on {EvalCommand.Describe(set)}"));
            }
            return 0;
        }));
        return command;
    }
}
