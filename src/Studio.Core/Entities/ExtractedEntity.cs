namespace Studio.Core.Entities;

/// <summary>
/// An entity found in a message: which bot entity, where (<see cref="Start"/>, <see cref="Length"/> in the
/// original text), the normalised value (ISO date, "12.50 GBP", a list entity's canonical value), and which
/// extractor found it (<c>builtin:money</c>, <c>list</c>, <c>list:fuzzy</c>, <c>regex</c>).
/// </summary>
public sealed record ExtractedEntity(string Entity, string Text, int Start, int Length, string Value, string Extractor);
