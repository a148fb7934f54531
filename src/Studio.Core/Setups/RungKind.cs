namespace Studio.Core.Setups;

/// <summary>What kind of model a rung of the ladder is.</summary>
public enum RungKind
{
    /// <summary>Hashed character and word n-grams with a linear head: microseconds a message, no encoder.</summary>
    Ngram,

    /// <summary>The sentence encoder with a trained head.</summary>
    Encoder,

    /// <summary>The sentence encoder tuned on the bot's own examples (its last transformer layer, trained on contrastive batches), with a head on the tuned vectors.</summary>
    Tuned,

    /// <summary>A large-model profile of the model registry, prompted with a few of the bot's examples.</summary>
    LargeModel,
}
