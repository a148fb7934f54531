namespace Studio.Application.Runtime;

/// <summary>One served turn as the runtime saw it, before redaction: what the transcript writer counts and stores.</summary>
/// <param name="Alias">The alias the request named; empty when it named a version.</param>
/// <param name="LatencyMs">From the request reaching the runtime to the reply.</param>
public sealed record ServedTurn(string Alias, string ConversationId, long KeyId, string KeyName, string Text, IReadOnlyList<string> Replies, bool Fallback, bool Handoff,
    double LatencyMs);
