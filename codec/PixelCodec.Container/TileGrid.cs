namespace PixelCodec.Container;

/// <summary>One rectangle of an image, coded on its own.</summary>
public readonly record struct Tile(int X, int Y, int Width, int Height);

/// <summary>
/// The split of a width x height image into tiles of at most tileWidth x tileHeight, in raster
/// order; a tile size of 0 means the whole image is one tile.
/// </summary>
public readonly record struct TileGrid(int Width, int Height, int TileWidth, int TileHeight)
{
    // A tile larger than the image is the whole image; clamping keeps the arithmetic below within
    // the image's sides (a file may record any tile size: fuzzing found 2^31 - 1 overflowing Count).
    private int EffectiveTileWidth => TileWidth == 0 ? Width : Math.Min(TileWidth, Width);
    private int EffectiveTileHeight => TileHeight == 0 ? Height : Math.Min(TileHeight, Height);

    /// <summary>Tiles per row of tiles.</summary>
    public int Columns => (Width + EffectiveTileWidth - 1) / EffectiveTileWidth;
    /// <summary>Rows of tiles.</summary>
    public int Rows => (Height + EffectiveTileHeight - 1) / EffectiveTileHeight;
    /// <summary>Tiles in all.</summary>
    public int Count => Columns * Rows;

    /// <summary>Tile <paramref name="index"/>, in raster order.</summary>
    public Tile this[int index]
    {
        get
        {
            int column = index % Columns, row = index / Columns;
            int x = column * EffectiveTileWidth, y = row * EffectiveTileHeight;
            return new Tile(x, y, Math.Min(EffectiveTileWidth, Width - x), Math.Min(EffectiveTileHeight, Height - y));
        }
    }
}
