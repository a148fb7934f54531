using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Studio.Core.Evaluation;
using Studio.Inference.Encoding;
using Studio.Inference.Knowledge;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench retrieval --docs &lt;folder&gt; --queries &lt;csv&gt;</c>: recall@1, recall@5 and MRR of dense, keyword
/// and fused retrieval over a folder of Markdown documents, the threshold's effect, and the search time over
/// 10,000 passages. A question counts as found at rank k when its expected document is among the first k
/// documents its passages rank. A questions file may add <c>earlier_turns</c> (the conversation's earlier user turns,
/// separated by <c> | </c>) and <c>split</c> (<c>validation</c> or <c>test</c>): then the fusion weight and the name
/// threshold are chosen on the validation rows, and every figure is reported on the test rows.
/// </summary>
internal static class BenchRetrievalCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly RetrievalMode[] Modes = [RetrievalMode.Dense, RetrievalMode.Keyword, RetrievalMode.Fused];

    private static readonly double[] DenseWeights = [0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9];

    private static readonly double[] NameThresholds = [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

    public static Command Create()
    {
        var docs = new Option<DirectoryInfo>("--docs") { Description = "Folder of .md (and .txt) documents.", Required = true };
        var queries = new Option<FileInfo>("--queries") { Description = "CSV: question,expected_source (the file name relative to the folder).", Required = true };
        var scale = new Option<int>("--scale") { Description = "Passages in the timed search index (the documents' passages repeated).", DefaultValueFactory = _ => 10_000 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var misses = new Option<bool>("--misses") { Description = "List the questions each ranking misses in its first five documents." };
        var command = new Command("retrieval", "Recall@1, recall@5 and MRR of dense, keyword and fused retrieval, and search time.") { docs, queries, scale, json, misses };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, docs, queries, scale, json, misses, cancellationToken)));
        return command;
    }

    private static int Run(ParseResult parse, Option<DirectoryInfo> docs, Option<FileInfo> queries, Option<int> scale, Option<bool> json, Option<bool> misses,
        CancellationToken cancellationToken)
    {
        {
            var folder = parse.GetRequiredValue(docs);
            var sources = folder.EnumerateFiles("*.*", SearchOption.AllDirectories)
                .Where(f => f.Extension is ".md" or ".txt")
                .Select(f => (Name: Path.GetRelativePath(folder.FullName, f.FullName).Replace('\\', '/'), Content: File.ReadAllText(f.FullName)))
                .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            var all = KnowledgeQuestions.Read(parse.GetRequiredValue(queries).FullName);
            using var encoder = CliContext.LoadEncoder();

            var started = Stopwatch.GetTimestamp();
            var index = KnowledgeIndex.Build(sources, encoder, cancellationToken: cancellationToken);
            var buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var allVectors = encoder.Embed([.. all.Select(q => q.Text)], cancellationToken: cancellationToken);
            var validation = Enumerable.Range(0, all.Count).Where(i => all[i].Split == "validation").ToArray();
            var testRows = Enumerable.Range(0, all.Count).Where(i => all[i].Split != "validation").ToArray();
            var questions = testRows.Select(i => all[i]).ToList();
            var vectors = testRows.Select(i => allVectors[i]).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sources.Count} documents, {index.Chunks.Count} passages (embedded in {buildSeconds:0.0} s), {all.Count} questions ({validation.Length} for validation, {questions.Count} tested; {all.Count(q => q.EarlierTurns.Count > 0)} with earlier turns); {index.Names.Names.Count} look-alike documents named"));

            // Chosen on the validation rows only, when there are any; else the shipped defaults.
            var tuning = RetrievalTuning.Default;
            if (validation.Length > 0)
            {
                var validationQuestions = validation.Select(i => all[i]).ToList();
                var validationVectors = validation.Select(i => allVectors[i]).ToArray();
                tuning = DenseWeights.SelectMany(w => NameThresholds.Select(t => new RetrievalTuning(w, t)))
                    .Select(t => (Tuning: t, Result: Score("entity", RetrievalMode.Fused, t, index, validationQuestions, validationVectors, false)))
                    .OrderByDescending(c => c.Result.RecallAt1).ThenByDescending(c => c.Result.Mrr)
                    .ThenBy(c => Math.Abs(c.Tuning.DenseWeight - KnowledgeIndex.DenseWeight)).ThenBy(c => Math.Abs(c.Tuning.NameThreshold - DocumentNames.DefaultThreshold))
                    .First().Tuning;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"chosen on validation: dense weight {tuning.DenseWeight:0.00}, name threshold {tuning.NameThreshold:0.00} (shipped: {KnowledgeIndex.DenseWeight:0.00}, {DocumentNames.DefaultThreshold:0.00})"));
            }

            var plain = tuning with { UseNames = false };
            var results = Modes.Select(mode => Score(mode.ToString().ToLowerInvariant(), mode, plain, index, questions, vectors, parse.GetValue(misses))).ToList();
            results.Add(Score("dense+names", RetrievalMode.Dense, tuning, index, questions, vectors, parse.GetValue(misses)));
            results.Add(Score("entity", RetrievalMode.Fused, tuning, index, questions, vectors, parse.GetValue(misses)));
            results.Add(Score("shipped", RetrievalMode.Fused, RetrievalTuning.Default, index, questions, vectors, false));
            Console.WriteLine($"{"ranking",-12} {"recall@1",9} {"recall@5",9} {"MRR",7}");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Mode,-12} {r.RecallAt1,9:0.000} {r.RecallAt5,9:0.000} {r.Mrr,7:0.000}"));
            }

            var answered = Enumerable.Range(0, questions.Count).Count(i => index.Answers(index.Search(questions[i].Text, vectors[i], earlierTurns: questions[i].EarlierTurns)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"threshold {index.Threshold:0.00}: {answered} of {questions.Count} questions answered (the rest: \"I don't know\")"));

            var timing = TimeSearch(index, encoder, questions, parse.GetValue(scale));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search over {timing.Passages:N0} passages: p50 {timing.SearchP50Ms:0.00} ms (dense + keyword + fusion), {timing.TotalP50Ms:0.00} ms with the question's encoding"));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    documents = sources.Count, passages = index.Chunks.Count, questions = questions.Count, validationQuestions = validation.Length,
                    namedDocuments = index.Names.Names.Count, chosen = new { tuning.DenseWeight, tuning.NameThreshold }, rankings = results, threshold = index.Threshold, answered, search = timing,
                }, Json));
            }

            return 0;
        }
    }

    private static RankingResult Score(string name, RetrievalMode mode, RetrievalTuning tuning, KnowledgeIndex index, List<KnowledgeQuestion> questions, float[][] vectors,
        bool listMisses)
    {
        double at1 = 0, at5 = 0, reciprocal = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            var documents = index.Search(questions[i].Text, vectors[i], index.Chunks.Count, mode, questions[i].EarlierTurns, tuning)
                .Select(h => h.Chunk.Source).Distinct(StringComparer.Ordinal).ToList();
            var rank = documents.IndexOf(questions[i].Expected) + 1;
            at1 += rank == 1 ? 1 : 0;
            at5 += rank is > 0 and <= 5 ? 1 : 0;
            reciprocal += rank > 0 ? 1.0 / rank : 0;
            if (listMisses && rank is 0 or > 5)
            {
                Console.WriteLine($"{name} misses \"{questions[i].Text}\" ({questions[i].Expected}): ranked {string.Join(", ", documents.Take(3))}");
            }
        }

        return new RankingResult(name, at1 / questions.Count, at5 / questions.Count, reciprocal / questions.Count);
    }

    // The documents' passages repeated (vectors jittered so no two are equal) up to the scale asked for.
    private static SearchTiming TimeSearch(KnowledgeIndex index, OnnxSentenceEncoder encoder, List<KnowledgeQuestion> questions, int scale)
    {
        var random = new Random(5);
        var chunks = new List<KnowledgeChunk>(scale);
        var vectors = new List<float[]>(scale);
        var dimensions = index.Vectors.Length / Math.Max(1, index.Chunks.Count);
        for (var i = 0; chunks.Count < scale; i++)
        {
            var k = i % index.Chunks.Count;
            chunks.Add(index.Chunks[k] with { Source = $"{index.Chunks[k].Source}#{i / index.Chunks.Count}" });
            vectors.Add([.. index.Vectors.Slice(k * dimensions, dimensions).ToArray().Select(v => v + (float)((random.NextDouble() - 0.5) * 0.01))]);
        }

        var large = new KnowledgeIndex(chunks, vectors);
        var texts = questions.Select(q => q.Text).ToArray();
        var questionVectors = encoder.Embed(texts);
        var searchOnly = Latency.Measure(Enumerable.Range(0, texts.Length).ToArray(), i => large.Search(texts[i], questionVectors[i], earlierTurns: questions[i].EarlierTurns), warmUp: 10);
        var withEncoding = Latency.Measure(Enumerable.Range(0, texts.Length).ToArray(), i => large.Search(texts[i], encoder.Embed(texts[i]), earlierTurns: questions[i].EarlierTurns), warmUp: 10);
        return new SearchTiming(scale, Latency.Percentile(searchOnly, 0.5), Latency.Percentile(withEncoding, 0.5));
    }

    private sealed record RankingResult(string Mode, double RecallAt1, double RecallAt5, double Mrr);

    private sealed record SearchTiming(int Passages, double SearchP50Ms, double TotalP50Ms);
}
