using PixelCodec.Entropy;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Tests.Modeling;

public class ResidualTreeTests
{
    private static ResidualTree Tree() => new([3, 2], mixerContexts: 1, (_, _) => Enumerable.Repeat(1L, FrequencyTable.Symbols).ToArray());

    [Theory]
    [InlineData(0, false)]
    [InlineData(255, true)]
    [InlineData(100, false)]
    [InlineData(100, true)]
    public void TablesAreValidAndStartFromTheGivenLeafMasses(int predicted, bool mirrored)
    {
        var table = new ushort[FrequencyTable.Symbols];
        Tree().Table([1, 0], 0, predicted, mirrored, table);
        FrequencyTable.Validate(table);
        // Uniform leaf masses give a near-uniform table, whatever the prediction.
        Assert.All(table, f => Assert.InRange(f, 200, 400));
    }

    [Fact]
    public void LearnsWhatItIsShownUnderEachContext()
    {
        ResidualTree tree = Tree();
        var table = new ushort[FrequencyTable.Symbols];
        for (int i = 0; i < 200; i++)
        {
            tree.Table([2, 1], 0, 100, false, table);
            tree.Update(103);
        }
        tree.Table([2, 1], 0, 100, false, table);
        Assert.True(table[103] > FrequencyTable.Total / 2, $"after 200 times, 103 has {table[103]} of {FrequencyTable.Total}");
        // The same rank from another prediction: the tree learns residuals, not values.
        tree.Table([2, 1], 0, 50, false, table);
        Assert.True(table[53] > FrequencyTable.Total / 2);
        // Mirrored, the learnt residual is on the other side.
        tree.Table([2, 1], 0, 50, true, table);
        Assert.True(table[47] > FrequencyTable.Total / 2);
    }
}
