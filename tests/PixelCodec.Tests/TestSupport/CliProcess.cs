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

        using Process process = Process.Start(start)!;
        Task<byte[]> stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
            process.StandardInput.BaseStream.Write(standardInput);
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pixelcodec {string.Join(' ', arguments)} did not finish in {Timeout}");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
