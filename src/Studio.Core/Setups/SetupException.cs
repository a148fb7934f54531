namespace Studio.Core.Setups;

/// <summary>A setup that is written wrong, or that nothing here can serve; the message names what and why.</summary>
public sealed class SetupException(string message) : ArgumentException(message);
