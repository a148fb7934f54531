namespace Studio.Inference.Classification;

/// <summary>What a training run is doing, for progress bars: a stage and how far through it.</summary>
public sealed record TrainingProgress(string Stage, int Done, int Total)
{
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;
}
