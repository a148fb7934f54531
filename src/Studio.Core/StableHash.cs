namespace Studio.Core;

/// <summary>
/// FNV-1a over text: the same in every process and on every replay, unlike <see cref="string.GetHashCode()"/>, for draws
/// that must repeat (a response's random variation, a prompt's random examples).
/// </summary>
public static class StableHash
{
    public const uint Start = 2166136261u;

    /// <summary>The hash of <paramref name="text"/>, continued from <paramref name="hash"/> so that several texts can be hashed in turn.</summary>
    public static uint Of(string text, uint hash = Start)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
