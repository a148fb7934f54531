using System.CommandLine;
using System.Globalization;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Learning;

namespace Studio.Cli.Commands;

/// <summary>
/// <c>studio train &lt;bot&gt; [--quality]</c>: trains a bot's small models from a bot file or its stored draft (using the
/// studio's embedding cache), and with <c>--quality</c> cross-validates its intents.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(Option<string?> dataDirectory)
    {
        var bot = BotArgument.Create();
        var quality = new Option<bool>("--quality") { Description = "Also cross-validate the intents (5 folds) and list weak intents, confused pairs and suspect examples." };
        var rung = new Option<string>("--rung") { Description = "Rung for --quality: encoder or ngram.", DefaultValueFactory = _ => EncoderIntentClassifier.RungId };
        var command = new Command("train", "Trains a bot's intent rungs, sentiment head and entity extractor from its draft.") { bot, quality, rung };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await BotArgument.OpenAsync(parse.GetRequiredValue(bot), parse.GetValue(dataDirectory), cancellationToken);
            if (opened is not (var context, var stored))
            {
                return 1;
            }

            var botId = stored.Bot.Id;
            TrainedBot? trained;
            using (var progress = new TerminalProgress())
            {
                trained = await context.TrainAsync(stored, new InlineProgress<TrainingProgress>(p => progress.Report(p.Stage, p.Fraction)), cancellationToken);
            }

            if (trained is null)
            {
                return 1;
            }

            var s = trained.Summary;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained '{botId}' revision {stored.Revision}: {s.Intents} intents, {s.Examples} examples and {s.KnowledgePassages} knowledge passages ({s.Embedded} embedded, {s.Examples + s.KnowledgePassages - s.Embedded} from the cache), {s.SentimentExamples} sentiment examples, in {s.Seconds:0.00} s"));
            foreach (var warning in s.Warnings)
            {
                Console.WriteLine("warning: " + warning);
            }

            if (parse.GetValue(quality))
            {
                try
                {
                    PrintQuality(context.Get<IntentQualityAnalyzer>(), stored.Bot, parse.GetRequiredValue(rung), cancellationToken);
                }
                catch (BotTrainingException ex)
                {
                    await Console.Error.WriteLineAsync("error: " + ex.Message); // e.g. too few examples to cross-validate
                    return 1;
                }
            }

            return 0;
        });
        return command;
    }

    private static void PrintQuality(IntentQualityAnalyzer analyzer, Core.Bots.BotDefinition bot, string rung, CancellationToken cancellationToken)
    {
        IntentQualityReport quality;
        using (var progress = new TerminalProgress())
        {
            quality = analyzer.Analyze(bot, rung, progress: new InlineProgress<TrainingProgress>(p => progress.Report("cross-validation: " + p.Stage, p.Fraction)), cancellationToken: cancellationToken);
        }

        var report = quality.Report;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{quality.Folds}-fold cross-validation ({rung}): accuracy {report.Accuracy * 100:0.0} %, macro-F1 {report.MacroF1 * 100:0.0} % in {quality.Seconds:0.0} s"));
        Console.WriteLine("weakest intents (F1):");
        foreach (var label in report.PerLabel.OrderBy(l => l.F1).Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label.Label,-28} {label.F1 * 100,5:0.0} %  (P {label.Precision * 100:0} R {label.Recall * 100:0}, {label.Support} examples)"));
        }

        foreach (var (a, b, count) in quality.MostConfused.Take(5))
        {
            Console.WriteLine($"confused: {a} <-> {b} ({count} examples)");
        }

        foreach (var suspect in quality.Suspects.Take(10))
        {
            Console.WriteLine($"suspect: \"{suspect.Example}\" is in {suspect.Intent} but {suspect.NeighboursAgreeing} of its {suspect.Neighbours} nearest examples are {suspect.LooksLike}");
        }
    }
}
