using System.CommandLine;
using System.Globalization;
using PixelCodec.Engine;
using PixelCodec.Training.Data;
using PixelCodec.Training.Export;
using PixelCodec.Training.Models;
using PixelCodec.Training.Runs;

namespace PixelCodec.Cli.Commands;

/// <summary>`pixelcodec eval`: a float model's NLL (libtorch) or an integer model's code length on a set of images.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A float model (.pxfm) from `pixelcodec train`: its NLL (libtorch); or an integer model (.pxim): its code length (no libtorch).", Required = true };
        var data = new Option<string>("--data") { Description = "Images: a folder of PNGs, the authors' layout (valid_32x32/ is used), a .tar, or .npz batches.", Required = true };
        var images = new Option<int>("--images") { Description = "Evaluate the first this many images (0: all).", DefaultValueFactory = _ => 0 };
        var device = CommonOptions.TorchDevice();
        var command = new Command("eval", "Print a model's negative log-likelihood on a set of images, in bits per sub-pixel.\nExample: pixelcodec eval --model runs/rowlstm/model.pxfm --data ../shared/data/imagenet32-sample")
        {
            model, data, images, device,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string path = parse.GetValue(model)!;
            EvaluationSet set = EvaluationSet.Open(parse.GetValue(data)!, "valid_32x32", parse.GetValue(images));
            if (path.EndsWith(".pxim", StringComparison.OrdinalIgnoreCase))
            {
                IntegerModel integer = ReadIntegerModel(path);
                double codeLength = IntegerEvaluation.BitsPerSubpixel(integer, set);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{codeLength:0.0000} bits/dim integer code length on {Describe(set)}"));
                return 0;
            }
            FloatModel saved = FloatModelFile.Read(path);
            using Network network = Network.Create(saved.Config, seed: 0, parse.GetValue(device)!);
            network.WriteParameters(saved.Tensors);
            double bits = set.BitsPerSubpixel(g => Evaluation.BitsPerSubpixel(network, g));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bits:0.0000} bits/dim NLL on {Describe(set)}"));
            return 0;
        }));
        return command;
    }

    internal static string Describe(EvaluationSet set) =>
        $"{set.Count} images" + (set.GreySkipped > 0 ? $" ({set.GreySkipped} grey images left out: the codec codes grey with a classical model)" : "");

    private static IntegerModel ReadIntegerModel(string path)
    {
        if (!File.Exists(path))
            throw new UserFacingException($"model file '{path}' does not exist");
        try
        {
            return IntegerModelFile.Read(File.ReadAllBytes(path));
        }
        catch (InvalidModelException e)
        {
            throw new UserFacingException($"'{path}': {e.Message}");
        }
    }
}
