namespace Studio.Data.Models;

/// <summary>A model profile save or removal that would overwrite or lose someone else's change, or reuse a taken id.</summary>
public sealed class ModelProfileConflictException(string message) : Exception(message);
