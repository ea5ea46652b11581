using PixelCodec.Engine;

namespace PixelCodec.Training.Models;

/// <summary>The size of a PixelRNN: <see cref="Hidden"/> is h of the paper (2h-wide maps between layers, h-wide states).</summary>
public sealed record NetworkConfig(Architecture Architecture, int Hidden, int Layers, int Head)
{
    public string Describe() => $"{Architecture} h={Hidden}, {Layers} layers, head {Head}";

    /// <summary>
    /// Whether a run of this network may start from the weights of <paramref name="model"/>: the same
    /// network, or the Multi-Scale PixelRNN's conditional Row LSTM from a Row LSTM of the same sizes (it
    /// holds every tensor of that one under the same name; the layers that read the subsample start at zero).
    /// </summary>
    public bool CanStartFrom(NetworkConfig model) =>
        this == model || (Architecture == Architecture.MultiScaleRowLstm && model.Architecture == Architecture.RowLstm && this == model with { Architecture = Architecture });

    internal string NativeName => ArchitectureDescription.Of(Architecture).NativeName;
}
