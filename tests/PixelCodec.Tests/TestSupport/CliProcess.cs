using System.Diagnostics;

namespace PixelCodec.Tests.TestSupport;

/// <summary>The result of one run of the real `pixelcodec` program.</summary>
internal sealed record CliResult(int ExitCode, byte[] StandardOutput, string StandardError)
{
    public string StandardOutputText => System.Text.Encoding.UTF8.GetString(StandardOutput);
}

/// <summary>
/// Runs the built `pixelcodec` in a child process, as a user would, so exit codes, standard streams
/// and runtime settings such as DOTNET_EnableAVX2 are those of a real run.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static CliResult Run(IEnumerable<string> arguments, byte[]? standardInput = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using RunningCli running = Start(arguments, environment);
        if (standardInput is not null)
            running.Process.StandardInput.BaseStream.Write(standardInput);
        return running.Finish(Timeout);
    }

    /// <summary>Starts `pixelcodec` and returns while it runs (to signal or kill it); standard input is closed unless kept open.</summary>
    public static RunningCli Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pixelcodec.dll"));
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        Process process = Process.Start(start)!;
        return new RunningCli(process, string.Join(' ', arguments), ReadAllAsync(process.StandardOutput.BaseStream), process.StandardError.ReadToEndAsync());
    }

    internal static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

/// <summary>A `pixelcodec` child process still running; <see cref="Finish"/> waits for it, Dispose kills it if it runs on.</summary>
internal sealed class RunningCli(Process process, string commandLine, Task<byte[]> stdout, Task<string> stderr) : IDisposable
{
    public Process Process => process;

    public CliResult Finish(TimeSpan timeout)
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pixelcodec {commandLine} did not finish in {timeout}");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
