namespace Studio.Core.Evaluation;

public sealed record LabelMetrics(string Label, double Precision, double Recall, double F1, int Support);
