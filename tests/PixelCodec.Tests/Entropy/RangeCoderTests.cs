using System.Buffers;
using PixelCodec.Entropy;

namespace PixelCodec.Tests.Entropy;

public class RangeCoderTests
{
    private static byte[] EncodeAll(IReadOnlyList<ushort[]> tables, IReadOnlyList<int> symbols)
    {
        var output = new ArrayBufferWriter<byte>();
        var encoder = new RangeEncoder(output);
        for (int i = 0; i < symbols.Count; i++)
            encoder.Encode(tables[i], symbols[i]);
        encoder.Finish();
        Assert.Equal(output.WrittenCount, encoder.BytesWritten);
        return output.WrittenSpan.ToArray();
    }

    private static int[] DecodeAll(byte[] stream, IReadOnlyList<ushort[]> tables)
    {
        var decoder = new RangeDecoder(stream);
        return tables.Select(t => decoder.Decode(t)).ToArray();
    }

    private static void AssertRoundTrip(IReadOnlyList<ushort[]> tables, IReadOnlyList<int> symbols)
    {
        byte[] stream = EncodeAll(tables, symbols);
        Assert.Equal(symbols, DecodeAll(stream, tables));
    }

    [Fact]
    public void EmptyStreamIsEmpty()
    {
        Assert.Empty(EncodeAll([], []));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(255)]
    public void SingleSymbolsOfEveryKindRoundTrip(int symbol)
    {
        AssertRoundTrip([TableFactory.Uniform()], [symbol]);
        AssertRoundTrip([TableFactory.Peaked(symbol)], [symbol]);
        AssertRoundTrip([TableFactory.Peaked((symbol + 1) & 255)], [symbol]);
    }

    [Fact]
    public void RandomTablesAndSymbolsRoundTrip()
    {
        var random = new Random(1);
        for (int trial = 0; trial < 200; trial++)
        {
            int length = random.Next(1, 400);
            var tables = Enumerable.Range(0, length).Select(_ => TableFactory.Random(random)).ToArray();
            var symbols = tables.Select(t => random.Next(2) == 0 ? TableFactory.Sample(t, random) : random.Next(256)).ToArray();
            AssertRoundTrip(tables, symbols);
        }
    }

    [Fact]
    public void LongRunsOfTheCertainSymbolRoundTripAndCostAlmostNothing()
    {
        ushort[] peaked = TableFactory.Peaked(200);
        var tables = Enumerable.Repeat(peaked, 100_000).ToArray();
        var symbols = Enumerable.Repeat(200, 100_000).ToArray();
        byte[] stream = EncodeAll(tables, symbols);
        Assert.Equal(symbols, DecodeAll(stream, tables));
        double idealBytes = symbols.Length * FrequencyTable.IdealBits(peaked, 200) / 8;
        Assert.InRange(stream.Length, 0, idealBytes + 8);
    }

    [Fact]
    public void LongRunsOfTheLeastLikelySymbolRoundTrip()
    {
        ushort[] peaked = TableFactory.Peaked(0);
        foreach (int symbol in new[] { 1, 255 })
        {
            var tables = Enumerable.Repeat(peaked, 20_000).ToArray();
            AssertRoundTrip(tables, Enumerable.Repeat(symbol, 20_000).ToArray());
        }
    }

    [Fact]
    public void StreamsProvokingCarriesRoundTrip()
    {
        // Top-of-interval symbols under a peaked table push `low` up against the byte boundary again
        // and again, the case where a carry has to ripple through pending 0xFF bytes.
        ushort[] peakedHigh = TableFactory.Peaked(255);
        ushort[] peakedLow = TableFactory.Peaked(0);
        var random = new Random(7);
        for (int trial = 0; trial < 50; trial++)
        {
            var tables = new List<ushort[]>();
            var symbols = new List<int>();
            for (int i = 0; i < 5000; i++)
            {
                bool high = random.Next(10) > 0;
                tables.Add(high ? peakedHigh : peakedLow);
                symbols.Add(high ? 255 : random.Next(256));
            }
            AssertRoundTrip(tables, symbols);
        }
    }

    [Fact]
    public void OverheadOnARealisticStreamIsBelowOneThousandth()
    {
        // 300,000 sub-pixels drawn from image-model-like Laplacian tables of varying sharpness.
        var random = new Random(3);
        var shapes = Enumerable.Range(0, 64).Select(i => TableFactory.Laplacian(random.Next(256), 0.5 + random.NextDouble() * 20)).ToArray();
        var tables = new ushort[300_000][];
        var symbols = new int[tables.Length];
        double idealBits = 0;
        for (int i = 0; i < tables.Length; i++)
        {
            tables[i] = shapes[random.Next(shapes.Length)];
            symbols[i] = TableFactory.Sample(tables[i], random);
            idealBits += FrequencyTable.IdealBits(tables[i], symbols[i]);
        }
        byte[] stream = EncodeAll(tables, symbols);
        Assert.Equal(symbols, DecodeAll(stream, tables));
        double overhead = stream.Length * 8 / idealBits - 1;
        Assert.InRange(overhead, -0.0001, 0.001);
    }

    [Fact]
    public void DecodingGarbageNeverFailsOrRunsPastTheTables()
    {
        var random = new Random(11);
        var tables = Enumerable.Range(0, 2000).Select(_ => TableFactory.Random(random)).ToArray();
        for (int trial = 0; trial < 200; trial++)
        {
            var garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            int[] symbols = DecodeAll(garbage, tables);
            Assert.All(symbols, s => Assert.InRange(s, 0, 255));
        }
    }

    [Fact]
    public void NoValidStreamIsReadFurtherPastItsEndThanTheBound()
    {
        var random = new Random(5);
        ushort[][] peaked = [TableFactory.Peaked(0), TableFactory.Peaked(255), TableFactory.Peaked(77)];
        long furthest = 0;
        for (int trial = 0; trial < 600; trial++)
        {
            int length = random.Next(0, 3000);
            // Random tables, and runs under the most skewed ones (symbol 0 at the bottom of the
            // interval writes zero bytes only; symbol 255 at the top provokes carries).
            var tables = Enumerable.Range(0, length).Select(i => trial % 3 == 0 ? TableFactory.Random(random) : peaked[(trial + i / 500) % 3]).ToArray();
            var symbols = tables.Select(t => random.Next(8) == 0 ? random.Next(256) : TableFactory.Sample(t, random)).ToArray();
            byte[] stream = EncodeAll(tables, symbols);
            var decoder = new RangeDecoder(stream);
            foreach (ushort[] table in tables)
                decoder.Decode(table);
            Assert.False(decoder.Overran);
            Assert.InRange(decoder.BytesRead - stream.Length, long.MinValue, RangeEncoder.MaxOverRead);
            Assert.InRange(symbols.Length, 0, RangeEncoder.MaxSymbols(stream.Length));
            furthest = Math.Max(furthest, decoder.BytesRead - stream.Length);
        }
        Assert.True(furthest > 0, "no stream was read past its end: the bound was not exercised");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    public void TheMostCompressibleStreamMeetsTheSymbolBoundClosely(int symbol)
    {
        ushort[] peaked = TableFactory.Peaked(symbol);
        var tables = Enumerable.Repeat(peaked, 1_000_000).ToArray();
        byte[] stream = EncodeAll(tables, Enumerable.Repeat(symbol, tables.Length).ToArray());
        Assert.InRange(tables.Length, 0, RangeEncoder.MaxSymbols(stream.Length));
        // Within 10%: the coder's truncation (r = range >> 16) costs a little more than the table's 0.0056 bits a symbol.
        Assert.True(RangeEncoder.MaxSymbols(stream.Length) < tables.Length * 1.1, $"{stream.Length} bytes, bound {RangeEncoder.MaxSymbols(stream.Length)}");
        // The zeros of a stream of symbol 0 are kept, so its decoder can still tell where it ends.
        Assert.All(stream, b => Assert.Equal(symbol == 0 ? 0 : b, b));
    }

    [Fact]
    public void AnOverReadStreamIsReportedWithinTheSymbolBound()
    {
        var random = new Random(13);
        ushort[] peaked = TableFactory.Peaked(0);
        for (int trial = 0; trial < 100; trial++)
        {
            var garbage = new byte[random.Next(0, 40)];
            random.NextBytes(garbage);
            if (trial % 4 == 0)
                Array.Clear(garbage);
            ushort[] table = trial % 2 == 0 ? peaked : TableFactory.Random(random);
            var decoder = new RangeDecoder(garbage);
            long symbols = 0;
            while (!decoder.Overran && symbols <= RangeEncoder.MaxSymbols(garbage.Length))
            {
                decoder.Decode(table);
                symbols++;
            }
            Assert.True(decoder.Overran, $"{symbols} symbols from {garbage.Length} bytes without an over-read");
            var unbounded = new RangeDecoder(garbage, trailingZerosBounded: false);
            for (int i = 0; i < 10_000; i++)
                unbounded.Decode(table);
            Assert.False(unbounded.Overran);
        }
    }

    [Fact]
    public void EncoderRejectsEmptyOrOutOfRangeIntervals()
    {
        var encoder = new RangeEncoder(new ArrayBufferWriter<byte>());
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(FrequencyTable.Total - 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(-1, 1));
    }

    [Fact]
    public void TableValidationNamesTheProblem()
    {
        ushort[] table = TableFactory.Uniform();
        FrequencyTable.Validate(table);
        table[3] = 0;
        Assert.Contains("symbol 3", Assert.Throws<ArgumentException>(() => FrequencyTable.Validate(table)).Message);
        Assert.Throws<ArgumentException>(() => FrequencyTable.Validate(table.AsSpan(1)));
        table[3] = 2;
        Assert.Contains("sum", Assert.Throws<ArgumentException>(() => FrequencyTable.Validate(table)).Message);
    }
}
