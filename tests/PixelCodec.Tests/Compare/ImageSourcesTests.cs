using PixelCodec.Cli;
using PixelCodec.Cli.Compare;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Compare;

public class ImageSourcesTests
{
    private static TempFolder Tree()
    {
        var folder = new TempFolder();
        foreach (string file in new[] { "a/one.png", "a/two.PPM", "a/notes.txt", "a/deep/three.png", "b/four.pgm" })
        {
            string path = Path.Combine(folder.Path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }
        return folder;
    }

    private static string[] Names(IEnumerable<ImageSource> sources) => sources.Select(s => $"{s.Set}/{Path.GetFileName(s.Path)}").Order().ToArray();

    [Fact]
    public void FoldersAreSearchedRecursivelyForImagesAndSetsAreParentFolders()
    {
        using TempFolder tree = Tree();
        Assert.Equal(["a/one.png", "a/two.PPM", "deep/three.png"], Names(ImageSources.Expand([Path.Combine(tree.Path, "a")])));
    }

    [Fact]
    public void FilesAndGlobs()
    {
        using TempFolder tree = Tree();
        Assert.Equal(["b/four.pgm"], Names(ImageSources.Expand([Path.Combine(tree.Path, "b", "four.pgm")])));
        Assert.Equal(["a/one.png"], Names(ImageSources.Expand([tree.Path + "/a/*.png"])));
        Assert.Equal(["a/one.png", "deep/three.png"], Names(ImageSources.Expand([tree.Path + "/**/*.png"])));
        Assert.Equal(["a/one.png"], Names(ImageSources.Expand([tree.Path + "/?/o?e.png"])));
    }

    [Fact]
    public void TheSameImageNamedTwiceCountsOnce()
    {
        using TempFolder tree = Tree();
        Assert.Single(ImageSources.Expand([Path.Combine(tree.Path, "b"), Path.Combine(tree.Path, "b", "four.pgm")]));
    }

    [Fact]
    public void MissingPathsAndEmptyFoldersAreClearErrors()
    {
        using TempFolder tree = Tree();
        Assert.Contains("does not exist", Assert.Throws<UserFacingException>(() => ImageSources.Expand([Path.Combine(tree.Path, "nope")])).Message);
        Directory.CreateDirectory(Path.Combine(tree.Path, "empty"));
        Assert.Contains("holds no PNG or PNM images", Assert.Throws<UserFacingException>(() => ImageSources.Expand([Path.Combine(tree.Path, "empty")])).Message);
        Assert.Contains("holds no PNG or PNM images", Assert.Throws<UserFacingException>(() => ImageSources.Expand([tree.Path + "/**/*.gif"])).Message);
    }
}
