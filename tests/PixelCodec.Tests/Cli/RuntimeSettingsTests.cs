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

    /// <summary>Per shipped model, the default, and release 1's default (the default model blended with the baseline): the hash of corpus/imagenet32-valid/n01514859_hen.png coded whole, and in 16x16 tiles.</summary>
    internal static readonly Dictionary<string, (string Whole, string Tiled)> NeuralPinned = new()
    {
        ["default"] = ("6580a6c31ffca988d88bc28001789c20c071dfa4e86066647ff16e4f9fd7267d", "2e19216bafe4ea04bdee76f546165f94dcf6448843adf0160a45c09072a24b7a"),
        // Release 1's default, the two-expert blend (format version 5 here, as the rest but the Diagonal BiLSTM, which codes raster order: version 2): its bytes change with the format and with the network.
        ["rowlstm-h64+baseline"] = ("4eebe1e523a6e5673e2203302785a00318dd50b76e012435bfca5ea12b8f147e", "161ff93111aafffc0820782c4f54cd2aecf597ae10b6fc01c504971a31eb9e34"),
        ["diagbilstm-h64"] = ("01c6be96458c4e167cac16085bbfe4bc9b9d6fe3207ba8fc7025c476bfcf310a", "508453185541bc8ef52eacb1eabb85be0184f75f099fc4402e30fef2aef5a0ad"),
        ["pixelcnn-h64"] = ("45ff14e12b1fced65fc7a6781f42147709f17fc9e29ae623a7613bede811d10e", "f1812fef7856265ffd94d37b3c5aead79bfd2218d8cc945dd22d1fa23c45724e"),
        ["rowlstm-h64"] = ("f8d6ea157eae8729a27c3b685aadff14d7cd85c9c9310d74c2231583ab83a7b3", "ac5af23f870399a7a16d7b6e88949f7008c18c470ba38f4924fdf5b75fe7b10c"),
        ["rowlstm-h64-photos"] = ("2aee20a1eb2f9c8262070ea582bf1939334e584d8ca42abb5c4917b950f812f7", "45c0ad24479517c71b3af973b7cf64f61751e5469a13e2215636855faa350019"),
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
