namespace PixelCodec.Tests.TestSupport;

/// <summary>Random damage of the kinds files meet: truncation, flipped bits, inserted and lost bytes.</summary>
internal static class Mutations
{
    public static byte[] Apply(byte[] file, Random random)
    {
        var bytes = new List<byte>(file);
        switch (random.Next(4))
        {
            case 0:
                return file[..random.Next(file.Length)];
            case 1:
                for (int i = random.Next(1, 4); i > 0; i--)
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 2:
                bytes.Insert(random.Next(bytes.Count), (byte)random.Next(256));
                break;
            default:
                bytes.RemoveAt(random.Next(bytes.Count));
                break;
        }
        return bytes.ToArray();
    }
}
