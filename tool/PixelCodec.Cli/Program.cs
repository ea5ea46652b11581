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
ParseResult parse = root.Parse(args);
// Usage errors get the one-line error policy of every other failure, not a page of help.
if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
{
    string command = parse.CommandResult.Command == root ? "pixelcodec" : $"pixelcodec {parse.CommandResult.Command.Name}";
    Console.Error.WriteLine($"pixelcodec: error: {string.Join("; ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ")))} (see {command} --help)");
    return 1;
}
return parse.Invoke();
