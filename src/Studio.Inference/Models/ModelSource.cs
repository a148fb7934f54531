namespace Studio.Inference.Models;

/// <summary>Where a model profile is defined.</summary>
public enum ModelSource
{
    /// <summary>The small rungs that ship with Studio.</summary>
    BuiltIn,

    /// <summary>The <c>Models</c> configuration section (appsettings.json, environment variables): read-only in the studio.</summary>
    Configuration,

    /// <summary>Added on the Models page or through the API, and stored in the studio's database.</summary>
    Studio,
}
