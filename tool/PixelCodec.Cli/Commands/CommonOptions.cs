using System.CommandLine;

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
        Description = "Tiles and planes coded at once. Output bytes never depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        Validators = { r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--threads must be at least 1"); } },
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "libtorch device: cpu, or cuda where the shim was built against a CUDA libtorch.",
        DefaultValueFactory = _ => "cpu",
    };

    public static Argument<string> Input(string description) => new("input") { Description = description };

    public static Argument<string> Output(string description) => new("output") { Description = description };
}
