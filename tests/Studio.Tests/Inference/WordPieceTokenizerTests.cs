using Studio.Inference.Encoding;

namespace Studio.Tests.Inference;

/// <summary>
/// Parity with BERT's reference uncased tokeniser on the cases other .NET tokenisers get wrong: currency
/// symbols (not punctuation to BERT, so "1£" stays one word), accents, unknown characters and control codes.
/// Expected ids are the MiniLM vocabulary's.
/// </summary>
public class WordPieceTokenizerTests : IClassFixture<EncoderFixture>
{
    private readonly WordPieceTokenizer _tokenizer;

    public WordPieceTokenizerTests(EncoderFixture fixture) => _tokenizer = fixture.Encoder.Tokenizer;

    [Fact]
    public void CurrencyAccentsAndEmoji_TokeniseAsTheReferenceDoes()
    {
        // [CLS] i paid 1 ##£ for a cafe [UNK] $ 5 [SEP]
        Assert.Equal([101, 1045, 3825, 1015, 29646, 2005, 1037, 7668, 100, 1002, 1019, 102], _tokenizer.Encode("I paid 1£ for a café 🙂 $5", 64));
    }

    [Fact]
    public void SymbolsSomeTokenisersDrop_AreKept()
    {
        // ~ ^ | < > + = are ASCII punctuation to BERT: each its own token, none unknown.
        Assert.Equal([101, 1066, 1034, 1064, 1026, 1028, 1009, 1027, 102], _tokenizer.Encode("~^|<>+=", 64));
    }

    [Fact]
    public void Accents_AreStripped_AndCaseFolded()
    {
        Assert.Equal(_tokenizer.Encode("cafe creme naive", 64), _tokenizer.Encode("CAFÉ Crème naïve", 64));
    }

    [Fact]
    public void ControlCharacters_AreDropped()
    {
        Assert.Equal(_tokenizer.Encode("hello world", 64), _tokenizer.Encode("hel\u0000lo\u200b wor\u0007ld", 64));
    }

    [Fact]
    public void OverlongWord_IsOneUnknownToken()
    {
        Assert.Equal([101, 100, 102], _tokenizer.Encode(new string('x', 101), 64));
    }

    [Fact]
    public void LongText_IsCutToTheLimit_EndingWithSep()
    {
        var ids = _tokenizer.Encode(string.Concat(Enumerable.Repeat("pay my bill ", 2000)), 256);

        Assert.Equal(256, ids.Length);
        Assert.Equal(_tokenizer.SepId, ids[^1]);
    }
}
