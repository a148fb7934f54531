using System.Globalization;
using Studio.Core.Bots;

namespace Studio.Web.Features.Flows;

/// <summary>The words a branch's condition is shown in, on the canvas and in the side panel, and which tests fit which subject.</summary>
public static class BranchConditions
{
    public static readonly string[] Subjects = ["intent", "sentiment", "confidence", "slot"];

    public static readonly string[] Sentiments = ["negative", "neutral", "positive"];

    public static string OperatorText(string op) => op switch
    {
        "equals" => "is",
        "notEquals" => "is not",
        "lessThan" => "is below",
        "greaterThan" => "is above",
        "isSet" => "is filled",
        "otherwise" => "otherwise (always)",
        _ => op,
    };

    /// <summary>The tests that mean something for a subject: confidence is a number, only a slot can be unfilled.</summary>
    public static IEnumerable<string> OperatorsFor(string subject) => subject switch
    {
        "intent" => ["equals", "notEquals", "otherwise"],
        "confidence" => ["lessThan", "greaterThan", "otherwise"],
        "sentiment" => ["equals", "notEquals", "lessThan", "greaterThan", "otherwise"], // below/above compare the score, -1 to 1
        _ => ["equals", "notEquals", "lessThan", "greaterThan", "isSet", "otherwise"],
    };

    public static bool TakesValue(string op) => op is not ("isSet" or "otherwise");

    /// <summary>One line for the condition, e.g. <c>sentiment is negative</c> or <c>slot amount is above 500</c>.</summary>
    public static string Describe(FlowBranch branch)
    {
        if (branch.Operator == "otherwise")
        {
            return "otherwise";
        }

        var subject = branch.On == "slot" ? $"slot {branch.Slot}" : branch.On;
        var value = TakesValue(branch.Operator) ? " " + branch.Value : "";
        return string.Create(CultureInfo.InvariantCulture, $"{subject} {OperatorText(branch.Operator)}{value}");
    }
}
