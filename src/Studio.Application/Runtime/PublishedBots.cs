using Microsoft.Extensions.Caching.Memory;
using Studio.Core.Documents;
using Studio.Data.Publishing;
using Studio.Inference.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Models;
using Studio.Inference.Serving;
using Studio.Application.Caching;
using Studio.Application.Publishing;

namespace Studio.Application.Runtime;

/// <summary>
/// Finds and loads published versions for the runtime. An alias is looked up at most a second old (and at
/// once after a move, made on this node or, with Redis, on another), so moving it releases or rolls back without a restart. Loaded
/// versions are kept within a bound (the most recently served, none idle for long, fewer when memory is short);
/// before each use their model files are checked against the recorded hashes (a stat per file, a re-hash only
/// when it changed), and a version whose models drifted is refused.
/// </summary>
public sealed class PublishedBots(VersionStore versions, OnnxSentenceEncoder encoder, ModelRegistry registry, Publisher publisher, BotPipelineFactory pipelines, IMemoryCache cache,
    ScaleOut.ChangeNotices notices, Microsoft.Extensions.Options.IOptions<RuntimeOptions> options) : IDisposable
{
    private static readonly TimeSpan AliasFreshness = TimeSpan.FromSeconds(1);
    private readonly VersionStore _versions = versions;
    // A move made in this process (studio, API), or on another node when Redis carries the notices, ends the cached
    // lookups at once; one made elsewhere without Redis (the CLI on the same file) is served within a second.
    private readonly ScaleOut.CacheResets _aliasResets = new(notices, ScaleOut.ChangeKind.Bot);
    // By the version's row id, which a bot deleted and created again never reuses. Bounded: a version not asked for
    // in a while, or beyond the most recently served, is let go and loaded again when next asked.
    private readonly IdleCache<Lazy<Task<ServedVersion>>> _loaded = new(Math.Max(1, options.Value.MaxLoadedVersions),
        TimeSpan.FromMinutes(Math.Max(1, options.Value.LoadedVersionIdleMinutes)), TimeProvider.System);

    /// <summary>The version an alias or version reference serves to requests outside a conversation (a split alias's first arm).</summary>
    public Task<ServedVersion> GetAsync(string botId, string aliasOrVersion, CancellationToken cancellationToken = default) =>
        GetAsync(botId, aliasOrVersion, null, cancellationToken);

    /// <param name="conversation">
    /// What keeps a conversation on one arm of a split alias (the key and the conversation id); null serves the first
    /// arm, for requests that are not part of a conversation.
    /// </param>
    public Task<ServedVersion> GetAsync(string botId, string aliasOrVersion, string? conversation, CancellationToken cancellationToken) =>
        GetAsync(botId, aliasOrVersion, conversation, null, cancellationToken);

    /// <inheritdoc cref="GetAsync(string, string, string?, CancellationToken)"/>
    /// <param name="servedBefore">The version that served the conversation until now: kept while it is one of the alias's arms.</param>
    public async Task<ServedVersion> GetAsync(string botId, string aliasOrVersion, string? conversation, int? servedBefore, CancellationToken cancellationToken)
    {
        var target = await cache.GetOrCreateAsync(("alias", botId, aliasOrVersion), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = AliasFreshness;
            entry.AddExpirationToken(_aliasResets.Token);
            return _versions.ResolveTargetAsync(botId, aliasOrVersion, cancellationToken);
        }) ?? throw await NotFoundAsync(botId, aliasOrVersion, cancellationToken);
        var version = Arm(target, conversation, servedBefore);

        var key = version.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lazy = _loaded.GetOrAdd(key, () => new Lazy<Task<ServedVersion>>(() => LoadAsync(botId, version.Number)));
        ServedVersion served;
        try
        {
            served = await lazy.Value;
        }
        catch
        {
            _loaded.Remove(key); // a failed load is tried again next time
            throw;
        }

        Verify(served);
        return served;
    }

    /// <summary>
    /// The arm a conversation is served by: a stable hash of the conversation puts it in one of 100 buckets, the first
    /// buckets going to the second arm. The same conversation always lands in the same bucket, so it stays on its arm,
    /// and changing the share moves only the conversations whose bucket crosses the line. A conversation already under
    /// way when the split began stays on the version it started with, if that is an arm.
    /// </summary>
    public static (int Number, long Id) Arm(AliasTarget target, string? conversation, int? servedBefore = null) => target.Split switch
    {
        { } split when servedBefore == split.Number => split,
        { } when servedBefore == target.Version.Number => target.Version,
        { } split when conversation is not null && Bucket(conversation) < target.SplitPercent => split,
        _ => target.Version,
    };

    public static int Bucket(string conversation) => (int)(Studio.Core.StableHash.Of(conversation) % 100);

    private async Task<VersionNotFoundException> NotFoundAsync(string botId, string aliasOrVersion, CancellationToken cancellationToken)
    {
        // A caller of a retired bot is told so, and by whom, rather than left to guess at a typo.
        if (await _versions.LineageAsync(botId, cancellationToken) is null && await _versions.LastRetirementAsync(botId, cancellationToken) is { } retired)
        {
            return new BotRetiredException($"Bot '{botId}' was retired on {retired.RetiredUtc:yyyy-MM-dd HH:mm} UTC by {retired.RetiredBy} and is no longer served.");
        }

        return new VersionNotFoundException(VersionStore.IsVersionReference(aliasOrVersion, out _)
            ? $"Bot '{botId}' has no version {aliasOrVersion}."
            : $"Bot '{botId}' has no alias '{aliasOrVersion}' (or the bot does not exist).");
    }

    private async Task<ServedVersion> LoadAsync(string botId, int number)
    {
        var version = await _versions.FindAsync(botId, number) ?? throw new VersionNotFoundException($"Bot '{botId}' has no version {number}.");
        var bot = BotDocuments.Read(version.Document, BotDocumentFormat.Json).Bot
            ?? throw new InvalidDataException($"Version {number} of '{botId}' holds a document that no longer reads.");
        // Checked by the caller, as every use is: a load is not checked twice.
        var lineage = await _versions.LineageAsync(botId) ?? version.Id;
        var pipeline = pipelines.Create(bot, TrainedBotFile.Read(version.Heads, bot, number, encoder));
        return new ServedVersion(pipeline, number, version.ContentHash, Publisher.ReadModelFiles(version), lineage);
    }

    private void Verify(ServedVersion served)
    {
        foreach (var recorded in served.Models)
        {
            var now = recorded.Id switch
            {
                Publisher.EncoderModelId => encoder.ModelHash,
                // The tuned weights live in the version's own heads: what was loaded must be what was hashed at publish.
                Publisher.TunedAdapterId or Publisher.TunedEncoderId => served.Trained.HasTunedRung ? served.Trained.TunedRung.Hash : null,
                _ => registry.Find(recorded.Id) is { } profile ? CurrentHash(profile, recorded) : null,
            };
            if (now != recorded.Sha256)
            {
                throw new ModelDriftException(now is null
                    ? $"Version {served.Number} of '{served.Bot.Id}' was published with model '{recorded.Id}', which is no longer registered; publish again or restore it."
                    : $"Version {served.Number} of '{served.Bot.Id}' was published with {recorded.Name}{(recorded.Path is { } p ? $" ({p})" : "")}, which has changed since (SHA-256 {recorded.Sha256[..12]}… then, {now[..12]}… now); it is not served. Restore the model or publish again.");
            }
        }
    }

    private string? CurrentHash(ModelProfile profile, ModelFileRecord recorded)
    {
        try
        {
            return publisher.Current(profile).Sha256;
        }
        catch (FileNotFoundException)
        {
            throw new ModelDriftException($"Version is published with {recorded.Name}, but its file {recorded.Path} is gone; it is not served.");
        }
    }

    /// <summary>How many versions are loaded now.</summary>
    public int LoadedCount => _loaded.Count;

    public void Dispose()
    {
        _loaded.Clear();
        _aliasResets.Dispose();
    }
}
