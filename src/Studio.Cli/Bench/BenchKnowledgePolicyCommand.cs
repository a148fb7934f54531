using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Studio.Core.Documents;
using Studio.Inference.Bots;
using Studio.Inference.Knowledge;
using Studio.Inference.Models;
using Studio.Inference.Serving;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench knowledge-policy</c>: asks a bot the questions its documents answer, each as a new conversation
/// through the served pipeline, before the intents-and-knowledge policy (one threshold, an intent's response before the
/// documents) and after it (the bot as written), and prints how many were answered from the documents, from the right
/// one, shadowed by an intent, or fell back.
/// </summary>
internal static class BenchKnowledgePolicyCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var botFile = new Option<FileInfo>("--bot") { Description = "The bot file, with knowledge sources.", DefaultValueFactory = _ => new FileInfo(Path.Combine("templates", "banking.yaml")) };
        var questions = new Option<FileInfo>("--questions")
        {
            Description = "CSV: question,expected_source.", DefaultValueFactory = _ => new FileInfo(Path.Combine("tests", "data", "knowledge", "questions.csv")),
        };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var list = new Option<bool>("--list") { Description = "List every question an intent still shadows after the policy, with why." };
        var command = new Command("knowledge-policy", "How many document questions are answered from knowledge, and how many an intent shadows, before and after the policy.")
        {
            botFile, questions, json, list,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(botFile), parse.GetRequiredValue(questions), parse.GetValue(json), parse.GetValue(list), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo botFile, FileInfo questionsFile, bool json, bool list, CancellationToken cancellationToken)
    {
        var read = BotDocuments.Read(await File.ReadAllTextAsync(botFile.FullName, cancellationToken), BotDocuments.FormatOf(botFile.Name));
        if (read.Bot is not { } bot)
        {
            Console.Error.WriteLine($"{botFile.Name}: {read.Problems[0]}");
            return 1;
        }

        var questions = KnowledgeQuestions.Read(questionsFile.FullName).Select(q => (q.Text, q.Expected)).ToList();
        using var encoder = CliContext.LoadEncoder();
        using var registry = new ModelRegistry(new Dictionary<string, ModelProfileOptions>(), _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);
        var pipelines = new BotPipelineFactory(registry, encoder, TimeProvider.System);
        var trainer = new BotTrainer(encoder, new MemoryEmbeddingStore());

        var reports = new List<(string Name, KnowledgePolicyReport Report)>();
        foreach (var (name, version) in new[] { ("before", KnowledgePolicyReport.WithoutPolicy(bot)), ("after", bot) })
        {
            var trained = trainer.Train(version, 1, cancellationToken: cancellationToken);
            var report = await KnowledgePolicyReport.RunAsync(pipelines.Create(version, trained), questions, cancellationToken);
            reports.Add((name, report));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-6}  from knowledge {report.FromKnowledge,3}/{questions.Count} (right document {report.FromRightDocument,3})  shadowed by an intent {report.ShadowedByIntent,3}  fallback {report.Fallbacks,3}"));
        }

        if (list)
        {
            foreach (var shadowed in reports[^1].Report.Answers.Where(a => a.Outcome == PolicyOutcome.Intent))
            {
                Console.WriteLine($"  shadowed: \"{shadowed.Question}\" ({shadowed.ExpectedSource}) — {shadowed.Decision}");
            }
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                questions = questions.Count,
                results = reports.Select(r => new { policy = r.Name, fromKnowledge = r.Report.FromKnowledge, rightDocument = r.Report.FromRightDocument, shadowed = r.Report.ShadowedByIntent, fallback = r.Report.Fallbacks }),
            }, Json));
        }

        return 0;
    }
}
