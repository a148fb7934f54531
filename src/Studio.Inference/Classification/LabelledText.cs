namespace Studio.Inference.Classification;

/// <summary>A training or test example. A null label marks an out-of-scope message.</summary>
public sealed record LabelledText(string Text, string? Label);
