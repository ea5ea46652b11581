using System.Buffers.Binary;
using System.Text;
using PixelCodec.Engine;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Engine;

/// <summary>A model file cannot declare a network larger than the engine's limits: it is refused before anything is built from its sizes.</summary>
public class ModelFileLimitTests
{
    /// <summary>The tiny fuzzing model with its JSON header's sizes replaced.</summary>
    private static byte[] WithSizes(string sizes)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "fuzz", "models", "tiny-pixelcnn.pxim"));
        int length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(6));
        string json = Encoding.UTF8.GetString(file, 10, length).Replace("\"hidden\":4,\"layers\":1,\"head\":8", sizes);
        byte[] header = Encoding.UTF8.GetBytes(json);
        var rewritten = new byte[10 + header.Length + file.Length - 10 - length];
        file.AsSpan(0, 6).CopyTo(rewritten);
        BinaryPrimitives.WriteInt32LittleEndian(rewritten.AsSpan(6), header.Length);
        header.CopyTo(rewritten, 10);
        file.AsSpan(10 + length).CopyTo(rewritten.AsSpan(10 + header.Length));
        return rewritten;
    }

    [Theory]
    [InlineData("\"hidden\":100000000,\"layers\":1,\"head\":8")]
    [InlineData("\"hidden\":4,\"layers\":2000000000,\"head\":8")]
    [InlineData("\"hidden\":4,\"layers\":1,\"head\":5000")]
    public void SizesBeyondTheLimitsAreRefused(string sizes)
    {
        string message = Assert.Throws<InvalidModelException>(() => new NeuralModel("hostile", WithSizes(sizes))).Message;
        Assert.Contains("exceed the limits (1024, 64, 4096)", message);
    }

    [Fact]
    public void TheUnchangedFileLoads()
    {
        Assert.Equal(4, IntegerModelFile.Read(WithSizes("\"hidden\":4,\"layers\":1,\"head\":8")).Hidden);
    }
}
