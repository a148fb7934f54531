namespace Studio.Core.Documents;

public enum BotDocumentFormat
{
    Yaml,
    Json,
}
