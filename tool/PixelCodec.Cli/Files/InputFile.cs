namespace PixelCodec.Cli.Files;

/// <summary>Reads a whole input, where "-" is standard input.</summary>
internal static class InputFile
{
    public const string StandardStream = "-";

    public static byte[] ReadAll(string path)
    {
        if (path == StandardStream)
        {
            using var buffer = new MemoryStream();
            Console.OpenStandardInput().CopyTo(buffer);
            return buffer.ToArray();
        }
        if (Directory.Exists(path))
            throw new UserFacingException($"'{path}' is a folder, not a file");
        if (!File.Exists(path))
            throw new UserFacingException($"'{path}' does not exist");
        return File.ReadAllBytes(path);
    }
}
