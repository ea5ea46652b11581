using PixelCodec.Engine;

namespace PixelCodec.Training.Models;

/// <summary>The size of a PixelRNN: <see cref="Hidden"/> is h of the paper (2h-wide maps between layers, h-wide states).</summary>
public sealed record NetworkConfig(Architecture Architecture, int Hidden, int Layers, int Head)
{
    public string Describe() => $"{Architecture} h={Hidden}, {Layers} layers, head {Head}";

    internal string NativeName => ArchitectureDescription.Of(Architecture).NativeName;
}
