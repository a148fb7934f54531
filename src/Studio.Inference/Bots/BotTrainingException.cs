namespace Studio.Inference.Bots;

/// <summary>A bot that cannot be trained as it is (no intents, no examples); the message says what to add.</summary>
public sealed class BotTrainingException(string message) : Exception(message);
