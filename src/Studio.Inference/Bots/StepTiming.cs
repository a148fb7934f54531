namespace Studio.Inference.Bots;

/// <summary>How long one step of understanding a message took.</summary>
public sealed record StepTiming(string Step, double Milliseconds);
