namespace Studio.Inference.Tuning;

/// <summary>Adam (Kingma and Ba) over a fixed list of weight arrays, with its two moments per weight.</summary>
public sealed class AdamOptimiser(IReadOnlyList<float[]> weights, float learningRate)
{
    private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;

    private readonly float[][] _first = [.. weights.Select(w => new float[w.Length])];
    private readonly float[][] _second = [.. weights.Select(w => new float[w.Length])];
    private int _step;

    /// <summary>One step down <paramref name="gradients"/>, which match the weights array for array.</summary>
    public void Step(IReadOnlyList<float[]> gradients)
    {
        _step++;
        var correction1 = 1 - MathF.Pow(Beta1, _step);
        var correction2 = 1 - MathF.Pow(Beta2, _step);
        for (var p = 0; p < weights.Count; p++)
        {
            var (w, g, m, v) = (weights[p], gradients[p], _first[p], _second[p]);
            for (var i = 0; i < w.Length; i++)
            {
                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g[i]);
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g[i] * g[i]);
                w[i] -= learningRate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + Epsilon);
            }
        }
    }
}
