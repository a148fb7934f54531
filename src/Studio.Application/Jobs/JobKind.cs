namespace Studio.Application.Jobs;

/// <summary>What a background job does; at most one job of each kind runs per bot.</summary>
public enum JobKind
{
    /// <summary>Trains the draft's rungs, sentiment head and entities.</summary>
    Train,

    /// <summary>Cross-validates the draft's intents.</summary>
    Quality,

    /// <summary>Runs setups over a test suite and stores the outcome.</summary>
    Compare,

    /// <summary>Walks the model ladder: every available rung on the test suite, largest first, then a cascade if one may hold.</summary>
    Ladder,

    /// <summary>A teacher rung labels the messages of a teaching run, keeping each batch as it goes.</summary>
    Label,

    /// <summary>Compares the smaller rungs trained without and with a run's taught examples, beside the teacher.</summary>
    BeforeAfter,
}
