using PixelCodec.Engine;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Tests;

/// <summary>
/// The one description of each architecture matches the network the shim builds under its native
/// name: every float tensor is named by exactly one part of the integer layout (a weight tap, a bias,
/// an initial state), none is missing, and every tap fits its tensor's shape.
/// </summary>
public class ArchitectureDescriptionTests
{
    public static TheoryData<Architecture> Architectures() => new(Enum.GetValues<Architecture>());

    [Theory]
    [MemberData(nameof(Architectures))]
    public void TheLayoutNamesEveryTensorOfTheShimsNetwork(Architecture architecture)
    {
        const int hidden = 6, layers = 2, head = 9;
        using Network network = Network.Create(new NetworkConfig(architecture, hidden, layers, head), seed: 1);
        Dictionary<string, NamedTensor> tensors = network.ReadParameters().ToDictionary(t => t.Name);

        var named = new HashSet<string>();
        foreach (ConvLayout layout in ModelLayout.Convs(architecture, hidden, layers, head))
        {
            foreach (InputSegment segment in layout.Segments)
            {
                NamedTensor weight = tensors[segment.Source.Tensor];
                Assert.Equal(layout.Outputs, weight.Shape[0]);
                Assert.Equal(segment.Channels, weight.Shape[1]);
                Assert.Equal(segment.Source.IsConv1d ? 3 : 4, weight.Shape.Length);
                Assert.InRange(segment.Source.Column, 0, weight.Shape[^1] - 1);
                named.Add(segment.Source.Tensor);
            }
            foreach (string bias in layout.FloatBiases)
            {
                Assert.Equal([layout.Outputs], tensors[bias].Shape);
                Assert.True(named.Add(bias), $"{bias} is named twice");
            }
        }
        foreach ((string name, _) in ModelLayout.InitialStates(architecture, layers))
            Assert.True(named.Add(name), $"{name} is named twice");
        Assert.Equal(tensors.Keys.Order(), named.Order());
    }

    [Fact]
    public void AnUnknownArchitectureIsRefusedNotGuessed()
    {
        Assert.Equal(Enum.GetValues<Architecture>(), ArchitectureDescription.All.Select(d => d.Architecture));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArchitectureDescription.Of((Architecture)Enum.GetValues<Architecture>().Length));
        Assert.Equal(ArchitectureDescription.All.Count, ArchitectureDescription.All.Select(d => d.NativeName).Distinct().Count());
    }
}
