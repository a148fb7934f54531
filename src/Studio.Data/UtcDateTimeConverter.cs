using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Studio.Data;

/// <summary>Marks a stored time as UTC (which every time the studio keeps is) without shifting it.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
