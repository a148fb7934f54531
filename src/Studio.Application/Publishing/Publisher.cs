using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Documents;
using Studio.Data.Access;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Inference.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Inference.Serving;

namespace Studio.Application.Publishing;

/// <summary>
/// Turns the current draft into an immutable version: the gate first (a valid document, a training that
/// succeeds, conversation tests that pass or an override with a reason), then the document, the trained
/// heads and the hashes of every model used, under one content hash, stored in one transaction. Publishing needs the
/// publish permission, checked before any training.
/// </summary>
public sealed class Publisher(BotDraftStore drafts, BotTrainer trainer, OnnxSentenceEncoder encoder, ModelRegistry registry, ModelFileHasher hasher,
    VersionStore versions, BotPipelineFactory pipelines, ICurrentActor actor, Actions.ActionChecks actions, TranscriptStore transcripts)
{
    public const string EncoderModelId = "encoder";

    public const string TunedAdapterId = "tuned-adapter";

    public const string TunedEncoderId = "tuned-encoder";

    /// <summary>Longest release notes a version stores.</summary>
    public const int MaxNotesLength = 4000;

    /// <summary>Longest reason for publishing past failing tests.</summary>
    public const int MaxOverrideReasonLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BotVersion> PublishAsync(string botId, PublishRequest request, string by, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Publish, cancellationToken);
        EnsureWithin("The release notes are", request.Notes, MaxNotesLength);
        EnsureWithin("The override reason is", request.OverrideReason, MaxOverrideReasonLength);
        var stored = await drafts.GetAsync(botId, cancellationToken);
        var bot = stored.Bot;
        progress?.Report("Checking the document");
        // A setup this installation cannot serve (a model that is not registered) is refused here as well as at save.
        var problems = BotDocuments.Validate(bot) is { Count: > 0 } invalid ? invalid : pipelines.Check(bot);
        if (problems.Count > 0)
        {
            throw new PublishRefusedException($"The bot is not valid: {string.Join("; ", problems.Select(p => p.ToString()))}");
        }

        // Saved before the operator set them, perhaps; a version that cannot make its calls is not published.
        if (actions.MissingSecrets(bot) is { Count: > 0 } missing)
        {
            throw new PublishRefusedException($"The bot cannot be published here: {string.Join("; ", missing)}.");
        }

        if (request.Alias is { } alias && !VersionStore.IsValidAliasName(alias))
        {
            throw new ArgumentException($"'{alias}' is not an alias name: use lower-case letters, digits and hyphens, not a version number.");
        }

        progress?.Report("Training");
        TrainedBot trained;
        try
        {
            trained = await Task.Run(() => trainer.Train(bot, stored.Revision, cancellationToken: cancellationToken), cancellationToken);
        }
        catch (BotTrainingException ex)
        {
            throw new PublishRefusedException($"Training failed: {ex.Message}", new PublishGate(false, 0, 0, [], null));
        }

        // The gate plays the tests through the pipeline the version will serve: what passes here is what answers there.
        progress?.Report("Running the conversation tests");
        var report = await ConversationTestRunner.RunAsync(bot, pipelines.Create(bot, trained), cancellationToken: cancellationToken);
        var overrideReason = string.IsNullOrWhiteSpace(request.OverrideReason) ? null : request.OverrideReason.Trim();
        var gate = new PublishGate(true, report.Passed, report.Failed, [.. report.Failures.Select(f => f.ToString())], report.Failed > 0 ? overrideReason : null);
        if (report.Failed > 0 && overrideReason is null)
        {
            throw new PublishRefusedException($"{report.Failed} of {bot.Tests.Count} conversation tests fail; fix them, or publish with an override and its reason.", gate);
        }

        progress?.Report("Hashing the models");
        var files = ModelFiles(bot);
        if (trained.HasTunedRung)
        {
            // The tuned rung's weights are a model file of the bot's own: hashed and recorded like the encoder.
            files = [.. files, trained.TunedRung switch
            {
                { Layer: { } layer } => new ModelFileRecord(TunedEncoderId, "tuned rung: the encoder with its last transformer layer tuned on the bot's examples", null, layer.SizeBytes, layer.Hash),
                var adapted => new ModelFileRecord(TunedAdapterId, "tuned rung: contrastive adapter on the sentence vector", null, adapted.Adapter!.Weights.Length * sizeof(float), adapted.Hash),
            }];
        }

        var heads = TrainedBotFile.Write(trained, encoder.ModelHash);
        var document = BotDocuments.Write(bot, BotDocumentFormat.Json);
        progress?.Report("Storing the version");
        var version = await versions.AddAsync(new BotVersion
        {
            BotId = bot.Id,
            BotRevision = stored.Revision,
            Document = document,
            Heads = heads,
            ModelFiles = JsonSerializer.Serialize(files, Json),
            ContentHash = ContentHash(document, heads, files),
            Notes = request.Notes?.Trim() ?? "",
            Gate = JsonSerializer.Serialize(gate, Json),
            PublishedBy = by,
        }, request.Alias, cancellationToken);
        // A shorter retention applies to what is already kept, not only to turns served from now on.
        if (bot.Privacy?.RetentionDays is { } days)
        {
            await transcripts.CapRetentionAsync(bot.Id, days, cancellationToken);
        }

        return version;
    }

    public static IReadOnlyList<ModelFileRecord> ReadModelFiles(BotVersion version) => JsonSerializer.Deserialize<List<ModelFileRecord>>(version.ModelFiles, Json) ?? [];

    public static PublishGate? ReadGate(string gate) => gate.Length == 0 ? null : JsonSerializer.Deserialize<PublishGate>(gate, Json);

    /// <summary>The encoder, and every large model the bot's <c>models</c> section names, with what each is now.</summary>
    public IReadOnlyList<ModelFileRecord> ModelFiles(BotDefinition bot)
    {
        var files = new List<ModelFileRecord> { new(EncoderModelId, "all-MiniLM-L6-v2 sentence encoder (ONNX)", null, null, encoder.ModelHash) };
        var ids = Studio.Core.Setups.BotSetup.Of(bot.Models).LargeModels;
        foreach (var id in ids)
        {
            if (registry.Find(id) is not { IsGenerative: true } profile)
            {
                continue; // ngram and encoder live in the heads
            }

            files.Add(Current(profile));
        }

        return files;
    }

    /// <summary>What a profile is now, to record at publish and compare at load.</summary>
    public ModelFileRecord Current(ModelProfile profile) => profile.Kind == ModelKind.Gguf
        ? new ModelFileRecord(profile.Id, profile.DisplayName, profile.Path, new FileInfo(profile.Path!) is { Exists: true } file ? file.Length : null,
            hasher.Hash(profile.Path!))
        : new ModelFileRecord(profile.Id, profile.DisplayName, null, null,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{profile.Kind}:{profile.Endpoint}:{profile.Model}"))));

    private static void EnsureWithin(string subject, string? text, int limit)
    {
        if (text is { Length: var length } && length > limit)
        {
            throw new ArgumentException($"{subject} {length:N0} characters long; the limit is {limit:N0}.");
        }
    }

    private static string ContentHash(string document, byte[] heads, IReadOnlyList<ModelFileRecord> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(document));
        hash.AppendData(heads);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{file.Id}:{file.Sha256}"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
