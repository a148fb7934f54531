namespace Studio.Inference.Classification;

/// <summary>The held-out examples' familiarity signals, and whether the rung (trained without them) got each one right.</summary>
public sealed record OutOfScopeCalibration(IReadOnlyList<OutOfScopeSignals> Signals, IReadOnlyList<bool> Correct);
