using System.Text.Json;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Runs;

/// <summary>Where a run stands: enough, with the model and optimizer files beside it, to continue exactly.</summary>
/// <param name="Crop">The run's crop size (0: whole images); states written before crops existed read as 0.</param>
/// <param name="InitialModel">The float model the run started from, when not from random weights.</param>
public sealed record TrainingState(long Step, long Position, double ElapsedSeconds, int Seed, int BatchSize, double? LastValidBits, int Crop = 0, string? InitialModel = null);

/// <summary>
/// A run's folder: model.pxfm, optimizer.pt and state.json, replaced together (each written to a
/// temporary name first; state.json, which resume reads first, last), plus log.csv and curve.svg.
/// </summary>
public sealed class Checkpoint(string folder)
{
    public string ModelPath => Path.Combine(folder, "model.pxfm");
    public string OptimizerPath => Path.Combine(folder, "optimizer.pt");
    public string StatePath => Path.Combine(folder, "state.json");
    public string LogPath => Path.Combine(folder, "log.csv");
    public string CurvePath => Path.Combine(folder, "curve.svg");

    public bool Exists => File.Exists(StatePath);

    public void Save(Network network, Trainer trainer, TrainingState state, IReadOnlyDictionary<string, string> provenance)
    {
        Directory.CreateDirectory(folder);
        string model = ModelPath + ".tmp", optimizer = OptimizerPath + ".tmp", stateFile = StatePath + ".tmp";
        using (var stream = File.Create(model))
            FloatModelFile.Write(new FloatModel(network.Config, provenance, network.ReadParameters()), stream);
        trainer.SaveState(optimizer);
        File.WriteAllText(stateFile, JsonSerializer.Serialize(state));
        File.Move(model, ModelPath, overwrite: true);
        File.Move(optimizer, OptimizerPath, overwrite: true);
        File.Move(stateFile, StatePath, overwrite: true);
    }

    public TrainingState LoadState()
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(StatePath)) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new TrainingException($"'{StatePath}' is not a readable training state: {e.Message}");
        }
    }
}
