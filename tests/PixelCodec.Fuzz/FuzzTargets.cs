using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Imaging;

namespace PixelCodec.Fuzz;

/// <summary>
/// Every parser of untrusted bytes, as a fuzzing target. A target either accepts its input or
/// refuses it with the parser's documented exception (<see cref="IsDocumented"/>); anything else
/// that escapes (another exception, a crash, a hang) is a finding.
/// </summary>
public static class FuzzTargets
{
    /// <summary>A small PixelCNN (h = 4, one layer) so that neural decoding is fast enough to fuzz; its seeds are coded with it.</summary>
    public static readonly Lazy<NeuralModel> TinyModel = new(() =>
        new NeuralModel("tiny-pixelcnn", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "tiny-pixelcnn.pxim"))));

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["png"] = input => PngReader.Read(InputRepair.PngChunkCrcs(input)),
        ["pnm"] = input => Pnm.Read(input),
        ["prnn-header"] = input => PrnnDecoder.ReadHeader(InputRepair.PrnnHeaderCheck(input)),
        ["prnn-classical"] = input => PrnnDecoder.Decode(InputRepair.PrnnHeaderCheck(input), new ModelCatalog(), threads: 1),
        ["prnn-neural"] = input => PrnnDecoder.Decode(InputRepair.PrnnHeaderCheck(input), new ModelCatalog(TinyModel.Value), threads: 1),
        ["pxim"] = input => IntegerModelFile.Read(input),
    };

    public static bool IsDocumented(Exception e) => e is ImageFormatException or PrnnFormatException or InvalidModelException;

    /// <summary>Runs <paramref name="target"/> on <paramref name="input"/>; true when it accepted it or refused it as documented.</summary>
    public static bool Survives(string target, byte[] input, out Exception? finding)
    {
        try
        {
            All[target](input);
        }
        catch (Exception e) when (IsDocumented(e))
        {
        }
        catch (Exception e)
        {
            finding = e;
            return false;
        }
        finding = null;
        return true;
    }
}
