using System.Globalization;

namespace PixelCodec.Training.Runs;

/// <summary>One line of log.csv.</summary>
public sealed record LogEntry(long Step, long Images, double TrainBits, double? ValidBits, double LearningRate, double ImagesPerSecond, double WaitSeconds, double ElapsedSeconds);

/// <summary>log.csv: appended as the run goes, kept across resumes (rows past the resumed step are dropped).</summary>
public sealed class TrainingLog
{
    private const string HeaderLine = "step,images,train_bits_per_dim,valid_bits_per_dim,learning_rate,images_per_s,batch_wait_s,elapsed_s";
    private readonly string _path;

    public TrainingLog(string path, long resumedStep)
    {
        _path = path;
        List<string> kept = File.Exists(path)
            ? File.ReadLines(path).Skip(1).Where(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) <= resumedStep).ToList()
            : [];
        File.WriteAllLines(path, kept.Prepend(HeaderLine));
    }

    public void Append(LogEntry e) => File.AppendAllText(_path, string.Join(',',
        e.Step.ToString(CultureInfo.InvariantCulture), e.Images.ToString(CultureInfo.InvariantCulture), F(e.TrainBits),
        e.ValidBits is null ? "" : F(e.ValidBits.Value), e.LearningRate.ToString("G6", CultureInfo.InvariantCulture),
        F(e.ImagesPerSecond), F(e.WaitSeconds), F(e.ElapsedSeconds)) + "\n");

    public IReadOnlyList<LogEntry> Read() => File.ReadLines(_path).Skip(1).Select(line =>
    {
        string[] f = line.Split(',');
        double P(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        return new LogEntry(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture), P(2),
            f[3].Length == 0 ? null : P(3), P(4), P(5), P(6), P(7));
    }).ToList();

    private static string F(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
