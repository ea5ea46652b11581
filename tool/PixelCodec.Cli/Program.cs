using System.CommandLine;
using PixelCodec.Cli.Commands;

var root = new RootCommand(
    "PixelCodec: a lossless image codec whose probability model is a PixelRNN.\n" +
    "Encode PNG/PNM images to .prnn files, decode them back pixel for pixel, and compare sizes with PNG, WebP and JPEG XL.")
{
    EncodeCommand.Create(),
    DecodeCommand.Create(),
    InfoCommand.Create(),
    SampleCommand.Create(),
    CompleteCommand.Create(),
    CompareCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    ExportCommand.Create(),
};
return root.Parse(args).Invoke();
