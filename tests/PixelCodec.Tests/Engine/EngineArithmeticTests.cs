using System.Security.Cryptography;
using PixelCodec.Engine;
using PixelCodec.Modeling;

namespace PixelCodec.Tests.Engine;

/// <summary>
/// The engine's arithmetic is versioned: the tables random models of every architecture give are
/// pinned per <see cref="EngineArithmetic.Version"/>. A change to any sum, rounding or table fails
/// here first; the fix is a deliberate new version (which changes every neural model's identity),
/// not new pins under the old one.
/// </summary>
public class EngineArithmeticTests
{
    private static readonly Dictionary<int, Dictionary<Architecture, string>> PinnedTables = new()
    {
        [1] = new()
        {
            [Architecture.PixelCnn] = "c66c1eeb50183a8492dc913e4230a3b4a941b9f345874fb4d4ebbec90da85db5",
            [Architecture.RowLstm] = "cb6f226004993bc6bf6113589549f2af61e14f13df346158478cd65790aa14e5",
            [Architecture.DiagonalBiLstm] = "7731814984c409984cbe9c536e89986544ffe3d020dbcfa05118facae630875b",
        },
    };

    private static string TablesOf(Architecture architecture)
    {
        IntegerModel model = RandomIntegerModels.Create(architecture, hidden: 6, layers: 2, head: 10, seed: 5);
        const int width = 5, height = 4;
        var random = new Random(11);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        var network = new IntegerNetwork(model, width);
        var tables = new ushort[width * 3 * 256];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int y = 0; y < height; y++)
        {
            network.EncodeRow(y, pixels.AsSpan(y * width * 3, width * 3), tables);
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(tables.AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [Theory]
    [InlineData(Architecture.PixelCnn)]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.DiagonalBiLstm)]
    public void TheTablesOfThisVersionAreTheOnesPinnedForIt(Architecture architecture)
    {
        Assert.True(PinnedTables.ContainsKey(EngineArithmetic.Version), $"engine arithmetic version {EngineArithmetic.Version} has no pinned tables");
        string tables = TablesOf(architecture);
        Assert.True(PinnedTables[EngineArithmetic.Version][architecture] == tables,
            $"the engine's arithmetic changed ({architecture} tables {tables}): bump EngineArithmetic.Version and pin the new tables under it");
    }

    [Fact]
    public void TheVersionIsPartOfANeuralModelsIdentity()
    {
        byte[] file = IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.RowLstm, hidden: 3, layers: 1, head: 3, seed: 1));
        // Version 1 hashes the file alone, as the models of the releases before the version did.
        Assert.Equal(ModelIdentity.OfFile("m", file), EngineArithmetic.IdentityOf("m", file));
        Assert.Equal(ModelIdentity.OfFile("m", file), new NeuralModel("m", file).Identity);
        Assert.Equal(SHA256.HashData([.. EngineArithmetic.Tag(2), .. file]), SHA256.HashData([.. "pixelcodec/engine/v2\n"u8, .. file]));
        Assert.NotEqual(EngineArithmetic.Tag(1), EngineArithmetic.Tag(2));
    }
}
