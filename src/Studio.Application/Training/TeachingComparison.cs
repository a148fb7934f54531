namespace Studio.Application.Training;

/// <summary>One smaller rung's accuracy on the suite, trained without and then with a run's taught examples.</summary>
public sealed record TeachingDelta(string Setup, double Before, double After)
{
    public double Points => (After - Before) * 100;
}

/// <summary>
/// What a run's taught examples changed: each student rung before and after, the teacher's own accuracy on the same
/// suite, and the two stored comparison runs behind the figures.
/// </summary>
public sealed record TeachingComparison(long RunId, string Teacher, string Suite, int Taught, double TeacherAccuracy, IReadOnlyList<TeachingDelta> Students,
    long BeforeComparisonId, long AfterComparisonId);

/// <summary>What adding a run's accepted labels did to the draft.</summary>
/// <param name="Added">Examples added, marked as taught.</param>
/// <param name="AlreadyExamples">Accepted labels left out because the bot had the message as an example already.</param>
public sealed record TeachingApplied(int Added, int AlreadyExamples, int Revision);
