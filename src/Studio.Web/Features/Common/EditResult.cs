namespace Studio.Web.Features.Common;

/// <summary>How an edit ended: saved, refused for the listed reasons, or refused because the draft is stale.</summary>
public sealed record EditResult(bool Saved, IReadOnlyList<string> Problems, bool Stale = false)
{
    public static EditResult Ok { get; } = new(true, []);

    public static EditResult Refused(params string[] problems) => new(false, problems);
}
