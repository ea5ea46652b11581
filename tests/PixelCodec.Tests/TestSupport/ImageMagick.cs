using System.Diagnostics;

namespace PixelCodec.Tests.TestSupport;

/// <summary>ImageMagick as an independent PNG decoder (CI installs it; a missing one fails the test).</summary>
internal static class ImageMagick
{
    /// <summary>The file's pixels as 8-bit RGBA, decoded by ImageMagick.</summary>
    public static byte[] DecodeToRgba(string path) => Convert(path, "-depth", "8", "rgba:-");

    /// <summary>The file's pixels as 16-bit RGBA, high byte first, decoded by ImageMagick.</summary>
    public static byte[] DecodeToRgba16(string path) => Convert(path, "-depth", "16", "-endian", "MSB", "rgba:-");

    /// <summary>Runs convert with these arguments; what it writes to standard output.</summary>
    public static byte[] Convert(params string[] arguments)
    {
        var start = new ProcessStartInfo("convert") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ImageMagick's convert");
        using var output = new MemoryStream();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"convert {string.Join(' ', arguments)} failed: {errors.Result}");
        return output.ToArray();
    }
}
