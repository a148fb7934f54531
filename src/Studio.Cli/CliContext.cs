using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Studio.Core;
using Studio.Core.Embeddings;
using Studio.Data;
using Studio.Data.Drafts;
using Studio.Inference.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Classification;

namespace Studio.Cli;

/// <summary>
/// The same settings and database the web app uses: <c>appsettings.json</c> in the working folder,
/// then <c>Studio__*</c> environment variables, then <c>--data-dir</c>.
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliContext(StudioOptions options, ServiceProvider services)
    {
        Options = options;
        _services = services;
    }

    public StudioOptions Options { get; }

    /// <summary>The <c>Models</c> section, so the CLI sees the same large-model profiles as the studio.</summary>
    public static IReadOnlyDictionary<string, Studio.Inference.Models.ModelProfileOptions> Models() => LoadConfiguration()
        .GetSection("Models").Get<Dictionary<string, Studio.Inference.Models.ModelProfileOptions>>() ?? [];

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static StudioOptions LoadOptions(string? dataDirectoryOverride = null)
    {
        var configuration = LoadConfiguration();
        var options = configuration.GetSection(StudioOptions.SectionName).Get<StudioOptions>() ?? new StudioOptions();
        if (!string.IsNullOrWhiteSpace(dataDirectoryOverride))
        {
            options.DataDirectory = dataDirectoryOverride;
        }

        return options;
    }

    private static IConfigurationRoot LoadConfiguration() => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Opens the database (creating and migrating it if needed).</summary>
    public static async Task<CliContext> OpenAsync(string? dataDirectoryOverride, CancellationToken cancellationToken)
    {
        var options = LoadOptions(dataDirectoryOverride);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        // Whoever runs the CLI can open the data folder, so owns it: they act with every permission.
        var services = new ServiceCollection().AddStudioData(_ => dataDirectory)
            .AddSingleton<Studio.Data.Access.ICurrentActor, Studio.Data.Access.LocalOperator>().BuildServiceProvider();
        await StudioDatabase.MigrateAsync(services, dataDirectory, cancellationToken);
        return new CliContext(options, services);
    }

    /// <summary>The bot's draft, or null after telling the user it is not in this data folder.</summary>
    public async Task<StoredBot?> FindBotAsync(string botId, CancellationToken cancellationToken)
    {
        var stored = await Get<BotDraftStore>().FindAsync(botId, cancellationToken);
        if (stored is null)
        {
            await Console.Error.WriteLineAsync($"error: there is no bot with id '{botId}' in {Path.GetFullPath(Options.DataDirectory)}.");
        }

        return stored;
    }

    /// <summary>
    /// The draft's small models, trained with the studio's embedding cache (so only new examples are encoded);
    /// null after telling the user why the draft cannot be trained.
    /// </summary>
    public async Task<TrainedBot?> TrainAsync(StoredBot stored, OnnxSentenceEncoder encoder, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return new BotTrainer(encoder, Get<IEmbeddingStore>()).Train(stored.Bot, stored.Revision, progress, cancellationToken);
        }
        catch (BotTrainingException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return null;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
