using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PixelCodec.Cli.Files;

namespace PixelCodec.Cli.Training;

/// <summary>
/// `train --nproc N`: starts N workers of one data-parallel run on this machine, as torchrun does:
/// this program again, with this command line less --nproc plus --world-size, --rank and a master on
/// a free loopback port. Rank 0 keeps this terminal's output (its progress bar); the first worker to
/// fail is reported in one line, and the others, which then lose a peer and stop, are killed if they
/// have not ended after <see cref="Grace"/>. SIGTERM or Ctrl-C here stops every worker (<see cref="InterruptCleanup"/>).
/// </summary>
internal static class LocalWorkers
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public static void Run(int count, TimeSpan timeout, bool threadsGiven)
    {
        if (count < 1)
            throw new UserFacingException("--nproc must be at least 1");
        string[] arguments = WithoutNproc(Environment.GetCommandLineArgs().Skip(1));
        int port = FreePort();
        string threads = Math.Max(1, Environment.ProcessorCount / count).ToString(CultureInfo.InvariantCulture);
        var workers = new List<Process>();
        var lastErrorLine = new string?[count];
        using IDisposable stopOnSignal = InterruptCleanup.OnInterrupt(() => KillAll(workers));
        try
        {
            for (int rank = 0; rank < count; rank++)
            {
                string[] own = [.. arguments, "--world-size", count.ToString(CultureInfo.InvariantCulture), "--rank", rank.ToString(CultureInfo.InvariantCulture),
                    "--master", $"127.0.0.1:{port}", "--timeout", timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), .. threadsGiven ? Array.Empty<string>() : ["--threads", threads]];
                workers.Add(Start(own, rank, lastErrorLine));
            }
            (int failed, int exitCode) = WaitForAll(workers);
            if (failed >= 0)
            {
                string cause = lastErrorLine[failed]?.Replace("pixelcodec: error: ", "") ?? Describe(exitCode);
                throw new UserFacingException($"worker {failed} of {count} stopped: {cause}");
            }
        }
        finally
        {
            KillAll(workers);
            foreach (Process worker in workers)
                worker.Dispose();
        }
    }

    private static Process Start(IEnumerable<string> arguments, int rank, string?[] lastErrorLine)
    {
        // Under `dotnet pixelcodec.dll` the process is dotnet and the first argument is the program.
        string executable = Environment.ProcessPath ?? throw new UserFacingException("cannot tell which program to start the workers with");
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = rank > 0 };
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        var worker = new Process { StartInfo = start };
        worker.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                lastErrorLine[rank] = line;
        };
        worker.OutputDataReceived += (_, _) => { };
        worker.Start();
        worker.BeginErrorReadLine();
        if (rank > 0)
            worker.BeginOutputReadLine();
        return worker;
    }

    /// <summary>Waits for every worker; returns the first to fail and its exit code, or (-1, 0).</summary>
    private static (int Failed, int ExitCode) WaitForAll(List<Process> workers)
    {
        var running = workers.Select((w, rank) => (Task: w.WaitForExitAsync(), Rank: rank)).ToList();
        while (running.Count > 0)
        {
            Task done = Task.WhenAny(running.Select(r => r.Task)).Result;
            int index = running.FindIndex(r => r.Task == done);
            int rank = running[index].Rank;
            running.RemoveAt(index);
            workers[rank].WaitForExit(); // flushes the redirected streams
            if (workers[rank].ExitCode != 0)
            {
                Task.WaitAll([.. running.Select(r => r.Task)], Grace);
                return (rank, workers[rank].ExitCode);
            }
        }
        return (-1, 0);
    }

    private static string Describe(int exitCode) =>
        exitCode > 128 ? $"killed by signal {exitCode - 128}" : $"exit code {exitCode}";

    private static void KillAll(List<Process> workers)
    {
        foreach (Process worker in workers.ToArray())
        {
            try
            {
                if (!worker.HasExited)
                    worker.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private static string[] WithoutNproc(IEnumerable<string> arguments)
    {
        var kept = new List<string>();
        using IEnumerator<string> e = arguments.GetEnumerator();
        while (e.MoveNext())
        {
            if (e.Current == "--nproc")
                e.MoveNext();
            else if (!e.Current.StartsWith("--nproc=", StringComparison.Ordinal))
                kept.Add(e.Current);
        }
        return [.. kept];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
