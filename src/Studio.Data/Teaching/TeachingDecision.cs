namespace Studio.Data.Teaching;

/// <summary>What a designer made of a teacher's label.</summary>
public enum TeachingDecision
{
    /// <summary>Not looked at yet.</summary>
    Pending,

    /// <summary>Taken, as the teacher said or corrected; it becomes an example when the run is applied.</summary>
    Accepted,

    /// <summary>Left out: wrong, or out of scope.</summary>
    Rejected,
}
