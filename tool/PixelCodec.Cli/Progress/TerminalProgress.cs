using System.Globalization;
using PixelCodec.Container;
using Spectre.Console;

namespace PixelCodec.Cli.Progress;

/// <summary>
/// Runs a long encode or decode with a progress bar (rate and time left) on standard error, where a
/// person watches: only when standard error is a terminal, and only once the work has taken longer
/// than <see cref="Delay"/>, so pipes, logs and quick jobs see nothing extra. The bar is cleared when
/// the work ends; the work's own result or exception comes out unchanged.
/// </summary>
internal static class TerminalProgress
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);

    public static T Run<T>(string description, Func<CodingProgress, T> work)
    {
        var progress = new CodingProgress();
        if (Console.IsErrorRedirected)
            return work(progress);
        Task<T> running = Task.Factory.StartNew(() => work(progress), TaskCreationOptions.LongRunning);
        if (!running.Wait(Delay))
            Show(description, progress, running);
        return running.GetAwaiter().GetResult();
    }

    private static void Show(string description, CodingProgress progress, Task running)
    {
        IAnsiConsole terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(description, maxValue: Math.Max(1, progress.Total));
                while (!running.Wait(Refresh))
                {
                    task.MaxValue = Math.Max(1, progress.Total);
                    task.Value = progress.Done;
                    double? rate = task.Speed;
                    task.Description = rate is > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"{description}, {rate.Value:N0} sub-pixels/s")
                        : description;
                }
                task.Value = task.MaxValue;
            });
    }
}
