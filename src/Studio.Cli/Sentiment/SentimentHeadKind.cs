namespace Studio.Cli.Sentiment;

/// <summary>Which sentiment head <c>sentiment train</c> makes: over MiniLM embeddings and n-grams, or over n-grams alone.</summary>
internal enum SentimentHeadKind
{
    Encoder,
    Ngram,
}
