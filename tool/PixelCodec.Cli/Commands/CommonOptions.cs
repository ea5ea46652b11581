using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PixelCodec.Cli.Commands;

/// <summary>Options shared by several commands, built fresh for each so System.CommandLine can own them.</summary>
internal static class CommonOptions
{
    public static Option<string> Model() => new("--model", "-m")
    {
        Description = $"The probability model for RGB planes (and grey ones where it codes one channel): {ModelChoice.Help}. Alpha planes, and grey ones otherwise, use the weighted-predictor model.",
        DefaultValueFactory = _ => ModelChoice.Default,
    };

    public static Option<int> Threads() => new("--threads", "-j")
    {
        Description = "Threads: tiles and planes coded at once, and two inside a plane coded in a wavefront (a PixelRNN's). Output bytes never depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        Validators = { InRange(1, int.MaxValue, "--threads must be at least 1") },
    };

    public static Option<string> TorchDevice() => new("--device")
    {
        Description = "libtorch device: cpu, or cuda where the shim was built against a CUDA libtorch.",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<string> CodingDevice() => new Option<string>("--device")
    {
        Description = $"Where the PixelRNN's batched products run: cpu; gpu (an NVIDIA GPU through CUDA; without one, the CPU, with a note); auto (the GPU when there is one and the job has {CodingDevices.AutoMinimumSubpixels:N0} sub-pixels or more; for compare, whenever there is one). Only batched products run there: an encoder's rows, a decoder's tiles decoded in step. The bytes are the same on every device.",
        DefaultValueFactory = _ => CodingDevices.Auto,
    }.AcceptOnlyFromAmong(CodingDevices.Cpu, CodingDevices.Gpu, CodingDevices.Auto);

    /// <summary>
    /// Refuses a whole number outside [min, max] with <paramref name="message"/>. A value that is not a
    /// number at all is left to the parser, which reports it (asking for the value here would throw).
    /// </summary>
    public static Action<OptionResult> InRange(int min, int max, string message) => result =>
    {
        if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (value < min || value > max))
            result.AddError(message);
    };

    public static Argument<string> Input(string description) => new("input") { Description = description };

    public static Argument<string> Output(string description) => new("output") { Description = description };
}
