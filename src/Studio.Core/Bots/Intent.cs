namespace Studio.Core.Bots;

/// <summary>Something a user wants, taught by example utterances.</summary>
public sealed class Intent
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>
    /// The least confidence at which this intent is taken; below it the message is not understood (a confident knowledge
    /// passage answers, else the fallback). Null: the bot's <see cref="FallbackPolicy.ConfidenceThreshold"/>.
    /// </summary>
    public double? Threshold { get; set; }

    /// <summary>Utterances, with entities marked in them where the designer marked them (<c>[visa](card_type)</c>).</summary>
    public List<string> Examples { get; set; } = [];

    /// <summary>Which examples a teacher rung labelled, and which teacher; null when none was taught.</summary>
    public List<TaughtExample>? Taught { get; set; }

    /// <summary>The teacher of an example, when it was taught and is still there as written.</summary>
    public TaughtExample? TaughtAs(string example) => Taught?.FirstOrDefault(t => t.Example == example);

    /// <summary>The examples as the classifiers learn them and users type them: without their marks.</summary>
    public IEnumerable<string> PlainExamples() => Examples.Select(Entities.ExampleMarkup.Plain);
}
