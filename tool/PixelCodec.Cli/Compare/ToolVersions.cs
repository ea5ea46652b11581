using System.Diagnostics;

namespace PixelCodec.Cli.Compare;

internal static class ToolVersions
{
    /// <summary>The installed version of a Debian package, or "unknown" off Debian.</summary>
    public static string OfDebianPackage(string package)
    {
        try
        {
            var start = new ProcessStartInfo("dpkg-query", ["-W", "-f=${Version}", package]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using Process process = Process.Start(start)!;
            string version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && version.Length > 0 ? version : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
