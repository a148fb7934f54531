using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Studio.Core.Documents;
using Studio.Data.Publishing;

namespace Studio.Application.Publishing;

/// <summary>One line of a diff between two versions' documents.</summary>
public sealed record DiffLine(string Kind, string Text);

/// <summary>A readable difference between two versions: the YAML documents line by line, and the models that changed.</summary>
public sealed record VersionDiff(int From, int To, IReadOnlyList<DiffLine> Lines, IReadOnlyList<string> ModelChanges, bool HeadsChanged)
{
    /// <summary>Unchanged lines kept around each change, for context.</summary>
    public const int Context = 2;

    public static VersionDiff Between(BotVersion from, BotVersion to)
    {
        var before = Yaml(from.Document);
        var after = Yaml(to.Document);
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        var lines = model.Lines.Select(l => new DiffLine(l.Type switch
        {
            ChangeType.Inserted => "added",
            ChangeType.Deleted => "removed",
            _ => "same",
        }, l.Text)).ToList();
        var oldFiles = Publisher.ReadModelFiles(from).ToDictionary(f => f.Id);
        var newFiles = Publisher.ReadModelFiles(to).ToDictionary(f => f.Id);
        var changes = new List<string>();
        foreach (var id in oldFiles.Keys.Union(newFiles.Keys).Order(StringComparer.Ordinal))
        {
            var (was, now) = (oldFiles.GetValueOrDefault(id), newFiles.GetValueOrDefault(id));
            if (was is null || now is null || was.Sha256 != now.Sha256)
            {
                changes.Add(was is null ? $"added {now!.Name} ({now.Sha256[..12]}…)"
                    : now is null ? $"removed {was.Name}"
                    : $"{now.Name}: {was.Sha256[..12]}… → {now.Sha256[..12]}…");
            }
        }

        return new VersionDiff(from.Number, to.Number, Trim(lines), changes, !from.Heads.AsSpan().SequenceEqual(to.Heads));
    }

    /// <summary>The diff as unified-diff text, as <c>studio</c> prints it.</summary>
    public string ToText()
    {
        var text = new StringBuilder($"--- version {From}\n+++ version {To}\n");
        foreach (var line in Lines)
        {
            text.Append(line.Kind switch { "added" => "+ ", "removed" => "- ", "gap" => "  …", _ => "  " }).Append(line.Text).Append('\n');
        }

        foreach (var change in ModelChanges)
        {
            text.Append("model: ").Append(change).Append('\n');
        }

        return text.ToString();
    }

    private static string Yaml(string json) => BotDocuments.Read(json, BotDocumentFormat.Json).Bot is { } bot ? BotDocuments.Write(bot, BotDocumentFormat.Yaml) : json;

    // Only changes and a little context around them: a bot's document runs to hundreds of lines.
    private static List<DiffLine> Trim(List<DiffLine> lines)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != "same")
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var trimmed = new List<DiffLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                trimmed.Add(lines[i]);
            }
            else if (trimmed.Count == 0 || trimmed[^1].Kind != "gap")
            {
                trimmed.Add(new DiffLine("gap", ""));
            }
        }

        return trimmed;
    }
}
