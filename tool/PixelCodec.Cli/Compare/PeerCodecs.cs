using System.Diagnostics;

namespace PixelCodec.Cli.Compare;

/// <summary>
/// The classical lossless codecs `compare` measures against, run as external programs on a PNG of
/// the image. Each is used at its strongest lossless setting.
/// </summary>
/// <param name="DebianPackage">Where the program comes from, for the version in reports.</param>
internal sealed record PeerCodec(string Name, string Program, string DebianPackage, string Extension, Func<string, string, string[]> Arguments)
{
    public static readonly IReadOnlyList<PeerCodec> All =
    [
        new("optipng -o7", "optipng", "optipng", ".png", (input, output) => ["-quiet", "-o7", "-out", output, input]),
        new("zopflipng", "zopflipng", "zopfli", ".png", (input, output) => ["-y", input, output]),
        new("WebP lossless", "cwebp", "webp", ".webp", (input, output) => ["-quiet", "-lossless", "-z", "9", "-exact", input, "-o", output]),
        new("JPEG XL lossless", "cjxl", "libjxl-tools", ".jxl", (input, output) => [input, output, "-d", "0", "-e", "9", "--quiet"]),
    ];

    /// <summary>The command line, as a person would type it, for reports.</summary>
    public string CommandLine => $"{Program} {string.Join(' ', Arguments("in.png", "out" + Extension))}";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public bool IsInstalled => FindOnPath(Program) is not null;

    public CodecResult Encode(string inputPng, string workFolder)
    {
        string output = Path.Combine(workFolder, Guid.NewGuid().ToString("N") + Extension);
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in Arguments(inputPng, output))
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return new CodecResult(Name, null, clock.Elapsed.TotalMilliseconds, null, null, Failure: $"timed out after {Timeout}");
        }
        double ms = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0 || !File.Exists(output))
            return new CodecResult(Name, null, ms, null, null, Failure: $"exit code {process.ExitCode}: {errors.Result.ReplaceLineEndings(" ").Trim()}");
        long bytes = new FileInfo(output).Length;
        File.Delete(output);
        return new CodecResult(Name, bytes, ms, null, null);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
