namespace PixelCodec.Engine;

/// <summary>The three PixelRNN architectures of van den Oord et al. 2016, Table 1.</summary>
public enum Architecture
{
    PixelCnn,
    RowLstm,
    DiagonalBiLstm,
}
