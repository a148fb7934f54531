using Microsoft.AspNetCore.Mvc;
using Studio.Core.Documents;

namespace Studio.Web.Api;

/// <summary>Bot problems as an RFC 7807 validation problem: errors keyed by JSON path, with lines where known.</summary>
internal static class ValidationProblems
{
    public static ValidationProblemDetails From(IReadOnlyList<BotProblem> problems)
    {
        var errors = problems
            .GroupBy(p => p.JsonPath)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Line is null ? p.Message : $"line {p.Line}, column {p.Column}: {p.Message}").ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = problems.Count == 1 ? "The bot has a problem" : $"The bot has {problems.Count} problems",
            Detail = string.Join("\n", problems.Select(p => p.ToString())),
            Extensions = { ["problems"] = problems.Select(p => new { p.Message, path = p.JsonPath, pointer = p.Path, p.Line, p.Column }).ToArray() },
        };
    }
}
