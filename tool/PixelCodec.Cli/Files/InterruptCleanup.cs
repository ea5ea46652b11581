using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace PixelCodec.Cli.Files;

/// <summary>
/// Unfinished temporary files, removed when the process is interrupted (Ctrl-C, SIGTERM), and other
/// cleanups (child processes to stop); the process then says so in one line and exits with 128 + the
/// signal's number, as a shell reports it. A hard kill (SIGKILL) cannot be caught: it leaves at most
/// the hidden temporary file, never a file under the output's name.
/// </summary>
internal static class InterruptCleanup
{
    private static readonly ConcurrentDictionary<string, byte> Unfinished = new();
    private static readonly ConcurrentDictionary<Action, byte> Cleanups = new();
    private static readonly Lazy<PosixSignalRegistration[]> Handlers = new(() =>
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Interrupted(context, "Ctrl-C (SIGINT)", 2)),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Interrupted(context, "SIGTERM", 15)),
    ]);

    /// <summary>From now on an interruption ends the process this way (idempotent).</summary>
    public static void Install() => _ = Handlers.Value;

    /// <summary>Removes <paramref name="path"/> on an interruption until the returned object is disposed.</summary>
    public static IDisposable Track(string path)
    {
        Install();
        Unfinished[path] = 0;
        return new Registered(() => Unfinished.TryRemove(path, out _));
    }

    /// <summary>Runs <paramref name="cleanup"/> on an interruption until the returned object is disposed.</summary>
    public static IDisposable OnInterrupt(Action cleanup)
    {
        Install();
        Cleanups[cleanup] = 0;
        return new Registered(() => Cleanups.TryRemove(cleanup, out _));
    }

    private static void Interrupted(PosixSignalContext context, string signal, int number)
    {
        context.Cancel = true;
        foreach (Action cleanup in Cleanups.Keys)
            cleanup();
        var removed = new List<string>();
        foreach (string path in Unfinished.Keys)
        {
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    removed.Add(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        Console.Error.WriteLine($"pixelcodec: interrupted by {signal}" + (removed.Count > 0 ? $"; removed the unfinished {string.Join(", ", removed.Select(p => $"'{p}'"))}" : ""));
        Environment.Exit(128 + number);
    }

    private sealed class Registered(Action unregister) : IDisposable
    {
        public void Dispose() => unregister();
    }
}
