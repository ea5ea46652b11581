using System.Security.Cryptography;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>
/// The bytes of a .prnn file must not depend on the CPU features the runtime uses or on the thread
/// count, and every setting must decode every other setting's files. Each setting runs the real
/// program in a child process (these variables are read at start-up) and its output is compared with
/// pinned hashes. A pinned hash changes only when the bitstream or a model changes on purpose: a
/// retrained shipped model gets its new hash here in the same commit.
/// </summary>
public class RuntimeSettingsTests
{
    public static TheoryData<string, string> Settings() => new()
    {
        { "default", "" },
        { "Vector512 on", "DOTNET_PreferredVectorBitWidth=512" },
        { "AVX-512 off", "DOTNET_EnableAVX512=0" },
        { "AVX2 off", "DOTNET_EnableAVX2=0" },
        // The blocked dot products take AVX-VNNI where the CPU has it: this checks their vpmaddwd form there too.
        { "AVX-VNNI off", "DOTNET_EnableAVXVNNI=0" },
        { "all SIMD off", "DOTNET_EnableHWIntrinsic=0" },
    };

    private const string BaselinePinned = "923c87af441e60d261915ccffa1826b509907b24cc71b0599c33ec88a75f44fb";
    private const string WeightedPinned = "d2c4671bcf8e988b88cf54f436fe589d810d9ede73fd55b83d81f4eaf0a0c0cb";

    /// <summary>Per shipped model, and the default (the default model blended with the baseline): the hash of corpus/imagenet32-valid/n01514859_hen.png coded whole, and in 16x16 tiles.</summary>
    internal static readonly Dictionary<string, (string Whole, string Tiled)> NeuralPinned = new()
    {
        ["default"] = ("47a6eda8e4addf6053e1f16ef56d70ba63731609609cb6d872aa3d3c543e25f1", "6182bb68275c4f86459c80ecc6a4aa706c4faaa41f5b30b4a76cca22163d5032"),
        // Release 1's default, the two-expert blend (format version 2 here): its bytes change with the format and with the network.
        ["rowlstm-h64+baseline"] = ("3c3dcc3773d61feeafef39c66b0e39896028449d64a60abe29f9e19678c168b4", "b8973048e945cbd7b0b8ae157531f82d9497e824971e0600f0511a7e3f82e5c2"),
        ["diagbilstm-h64"] = ("01c6be96458c4e167cac16085bbfe4bc9b9d6fe3207ba8fc7025c476bfcf310a", "508453185541bc8ef52eacb1eabb85be0184f75f099fc4402e30fef2aef5a0ad"),
        ["pixelcnn-h64"] = ("cabfffecba96420fbc7b00cb6e340f4a9c2bcc2457e35e0ebb246aa174998d35", "75a1e8f0fa248f854a76d02fc0ccebafa08f40275a279bbc3bd1ddf9ee2b1d2d"),
        ["rowlstm-h64"] = ("b34b6a2e345fc1deffb748f79cfc34f4ae11869ffdf9eca34d5d8580bd1330ab", "f88277a062d0115e22aaec2b247b4cc612fc84cd212c8ad38dd6c052f03579e5"),
        ["rowlstm-h64-photos"] = ("9042051266495bba51fedc883bcb0fef88b8655df7abecade7aeea4b04ea48b6", "995eae60a060805a5982e3967a594ecbb59a045d5ab03d7897153ebf3d3c7602"),
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void ClassicalBytesAreTheSameUnderEverySimdSettingAndThreadCount(string name, string setting)
    {
        string input = Path.Combine(RepoPaths.Root, "corpus", "photos", "GreenMeadow.png");
        foreach (string threads in new[] { "1", "2" })
        {
            AssertEncodesTo(BaselinePinned, input, ["-m", "baseline", "--tile", "64", "--threads", threads], name, setting);
            AssertEncodesTo(WeightedPinned, input, ["-m", "weighted", "--tile", "64", "--threads", threads], name, setting);
        }
    }

    /// <summary>The Multi-Scale PixelRNN of models/experiments/msrowlstm-h64 (subsample coded with the default), on the same image: format version 4.</summary>
    private const string MultiScalePinned = "7cad6048f5804b55ca9dbe4f505fdc8d0acfb6da15e6dc9d3cdf93eafa81263d";

    [Theory]
    [MemberData(nameof(Settings))]
    public void MultiScaleBytesAreTheSameUnderEverySimdSettingAndThreadCountAndDecodeExactly(string name, string setting)
    {
        string input = Path.Combine(RepoPaths.Root, "corpus", "imagenet32-valid", "n01514859_hen.png");
        string model = $"scales(default;{Path.Combine(RepoPaths.Root, "models", "experiments", "msrowlstm-h64", "model.pxim")})";
        foreach (string threads in new[] { "1", "2" })
            AssertEncodesTo(MultiScalePinned, input, ["-m", model, "--threads", threads], name, setting, decodeModels: ["-m", model]);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void NeuralBytesAreTheSameUnderEverySimdSettingAndThreadCountAndDecodeExactly(string name, string setting)
    {
        string input = Path.Combine(RepoPaths.Root, "corpus", "imagenet32-valid", "n01514859_hen.png");
        Assert.Equal(NeuralPinned.Keys.Order(), ShippedModels.Names.Append(ModelChoice.Default).Append(ShippedModels.DefaultName + "+" + ModelChoice.Baseline).Order());
        foreach ((string model, (string whole, string tiled)) in NeuralPinned)
            foreach (string threads in new[] { "1", "2" })
            {
                AssertEncodesTo(whole, input, ["-m", model, "--threads", threads], name, setting);
                AssertEncodesTo(tiled, input, ["-m", model, "--tile", "16", "--threads", threads], name, setting);
            }
    }

    private static void AssertEncodesTo(string pinned, string input, string[] options, string name, string setting, string[]? decodeModels = null)
    {
        using var folder = new TempFolder();
        var environment = setting.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { [setting.Split('=')[0]] = setting.Split('=')[1] };
        string coded = folder.File("out.prnn"), decoded = folder.File("back.png");
        CliResult encode = CliProcess.Run(["encode", input, coded, .. options], environment: environment);
        Assert.True(encode.ExitCode == 0, $"{name}: {encode.StandardError}");
        string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(coded)));
        Assert.True(actual == pinned, $"{name}, {string.Join(' ', options)}: pinned {pinned}, got {actual}");

        CliResult decode = CliProcess.Run(["decode", coded, decoded, .. options.Where((o, i) => o == "--threads" || (i > 0 && options[i - 1] == "--threads")), .. decodeModels ?? []], environment: environment);
        Assert.True(decode.ExitCode == 0, $"{name}: {decode.StandardError}");
        Assert.True(ImageFile.Read(File.ReadAllBytes(input)).PixelsEqual(ImageFile.Read(File.ReadAllBytes(decoded))), $"{name}: decoded pixels differ");
    }
}
