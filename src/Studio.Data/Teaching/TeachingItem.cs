namespace Studio.Data.Teaching;

/// <summary>One message of a teaching run: what the teacher said of it and what the designer decided.</summary>
public sealed class TeachingItem
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>The message's place in its source, so the list reads in the order it was given.</summary>
    public int Position { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Whether the teacher has answered; until then <see cref="Intent"/> and <see cref="Confidence"/> mean nothing.</summary>
    public bool Labelled { get; set; }

    /// <summary>The teacher's intent; null when it found the message out of scope.</summary>
    public string? Intent { get; set; }

    public double Confidence { get; set; }

    public TeachingDecision Decision { get; set; }

    /// <summary>The intent the designer accepted: the teacher's, or the one they corrected it to.</summary>
    public string? Chosen { get; set; }

    /// <summary>Whether the accepted label has been added to the bot as an example.</summary>
    public bool Applied { get; set; }
}
