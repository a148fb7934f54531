namespace Studio.Core.Entities;

/// <summary>A possible entity before overlaps are resolved; lower <see cref="Priority"/> wins a tie of equal length.</summary>
internal sealed record Candidate(ExtractedEntity Entity, int Priority)
{
    public int End => Entity.Start + Entity.Length;

    public bool Overlaps(Candidate other) => Entity.Start < other.End && other.Entity.Start < End;
}
