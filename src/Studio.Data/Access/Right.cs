namespace Studio.Data.Access;

/// <summary>What an operation needs of the one acting; roles grant sets of these.</summary>
public enum Right
{
    /// <summary>Create, change, import and delete bots, and vote in comparisons.</summary>
    Edit,

    /// <summary>Publish versions, move aliases and manage API keys.</summary>
    Publish,

    /// <summary>Manage users.</summary>
    Administer,
}
