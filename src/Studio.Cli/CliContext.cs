using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Application;
using Studio.Core;
using Studio.Core.Embeddings;
using Studio.Data;
using Studio.Data.Drafts;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;

namespace Studio.Cli;

/// <summary>
/// The studio's services on the generic host, configured as the web app is: <c>appsettings.json</c> in the working
/// folder, then environment variables (<c>Studio__DataDirectory</c>, <c>Encoder__ModelPath</c>, …), then
/// <c>--data-dir</c>. One encoder, from the <c>Encoder</c> settings, serves every command, so the encoder a
/// version is published with is the one the settings name.
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    private readonly IHost _host;

    private CliContext(IHost host, string dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
    }

    public StudioOptions Options => Get<IOptions<StudioOptions>>().Value;

    /// <summary>The data folder, absolute.</summary>
    public string DataDirectory { get; }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>The <c>Studio</c> settings without starting anything, for commands that only read files.</summary>
    public static StudioOptions LoadOptions(string? dataDirectoryOverride = null)
    {
        var configuration = new ConfigurationManager();
        AddSources(configuration, Directory.GetCurrentDirectory(), dataDirectoryOverride);
        return configuration.GetSection(StudioOptions.SectionName).Get<StudioOptions>() ?? new StudioOptions();
    }

    /// <summary>Builds the host, checks every setting (a wrong encoder path stops here with its reason) and opens the database.</summary>
    /// <param name="dataDirectoryOverride">The <c>--data-dir</c> value, if given.</param>
    /// <param name="storage">
    /// False for work on a bot file: nothing is stored and the data folder is not touched, so sentence vectors are
    /// kept in memory for this run only.
    /// </param>
    /// <param name="cancellationToken">Stops the migration.</param>
    /// <exception cref="OptionsValidationException">A setting is wrong.</exception>
    public static async Task<CliContext> OpenAsync(string? dataDirectoryOverride, CancellationToken cancellationToken, bool storage = true)
    {
        var contentRoot = Directory.GetCurrentDirectory();
        var host = Build(contentRoot, dataDirectoryOverride, storage);
        try
        {
            var dataDirectory = Resolve(contentRoot, host.Services.GetRequiredService<IOptions<StudioOptions>>().Value.DataDirectory);
            if (storage)
            {
                await StudioDatabase.MigrateAsync(host.Services, dataDirectory, cancellationToken);
                Studio.Application.ScaleOut.ScaleOutServices.ConnectAtStart(host.Services);
                // Models added in the studio are rungs for the CLI too.
                await host.Services.GetRequiredService<Studio.Application.Models.ModelProfiles>().LoadAsync(cancellationToken);
            }

            return new CliContext(host, dataDirectory);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>The encoder, or the encoder behind a file of kept vectors when a benchmark names one (<c>--embedding-cache</c>).</summary>
    public static ITextEmbedder TrainingEmbedder(OnnxSentenceEncoder encoder, FileInfo? cache) =>
        cache is null ? encoder : new CachedEmbedder(encoder, new FileEmbeddingStore(cache.FullName));

    /// <summary>The encoder the <c>Encoder</c> settings name, for commands that need nothing else; the caller owns it.</summary>
    /// <exception cref="OptionsValidationException">A setting is wrong.</exception>
    public static OnnxSentenceEncoder LoadEncoder()
    {
        using var host = Build(Directory.GetCurrentDirectory(), dataDirectoryOverride: null, storage: false);
        return OnnxSentenceEncoder.Load(host.Services.GetRequiredService<IOptions<EncoderOptions>>().Value);
    }

    // The host, its settings checked (a wrong encoder path stops here with its reason), nothing started.
    private static IHost Build(string contentRoot, string? dataDirectoryOverride, bool storage)
    {
        // No defaults: the host's own sources would read the Logging section too, and a CLI prints only warnings and errors.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = contentRoot });
        AddSources(builder.Configuration, contentRoot, dataDirectoryOverride);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddStudioData(sp => Resolve(contentRoot, sp.GetRequiredService<IOptions<StudioOptions>>().Value.DataDirectory));
        builder.AddStudioApplication();
        // Whoever runs the CLI can open the data folder, so owns it: they act with every permission.
        builder.Services.AddSingleton<Studio.Data.Access.ICurrentActor, Studio.Data.Access.LocalOperator>();
        if (!storage)
        {
            builder.Services.AddSingleton<IEmbeddingStore, MemoryEmbeddingStore>();
        }

        var host = builder.Build();
        try
        {
            // What the host checks at start, without starting its background services: a command is not a server.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>The bot's draft, or null after telling the user it is not in this data folder.</summary>
    public async Task<StoredBot?> FindBotAsync(string botId, CancellationToken cancellationToken)
    {
        var stored = await Get<BotDraftStore>().FindAsync(botId, cancellationToken);
        if (stored is null)
        {
            await Console.Error.WriteLineAsync($"error: there is no bot with id '{botId}' in {DataDirectory}.");
        }

        return stored;
    }

    /// <summary>
    /// The draft's small models, trained with the embedding cache (so only new examples are encoded);
    /// null after telling the user why the draft cannot be trained.
    /// </summary>
    public async Task<TrainedBot?> TrainAsync(StoredBot stored, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return Get<BotTrainer>().Train(stored.Bot, stored.Revision, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is BotTrainingException or InvalidOperationException)
        {
            // InvalidOperationException: what was trained elsewhere does not fit, e.g. a shipped head made for another encoder.
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void AddSources(IConfigurationBuilder configuration, string contentRoot, string? dataDirectoryOverride)
    {
        configuration.SetBasePath(contentRoot).AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
        if (!string.IsNullOrWhiteSpace(dataDirectoryOverride))
        {
            configuration.AddInMemoryCollection([new($"{StudioOptions.SectionName}:{nameof(StudioOptions.DataDirectory)}", dataDirectoryOverride)]);
        }
    }

    // Relative folders are taken from the working folder, the same folder appsettings.json is read from.
    private static string Resolve(string contentRoot, string path) => Path.GetFullPath(Path.Combine(contentRoot, path));
}
