using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Embeddings;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Models;
using Studio.Inference.Serving;
using Studio.Tests.Inference;
using Studio.Tests.Support;

namespace Studio.Tests.Tuning;

/// <summary>The tuned rung on the banking template: trained when the setup names it, kept by a published version, served by the one pipeline.</summary>
public sealed class TunedRungTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    [Fact]
    public async Task ABotWhoseSetupIsTuned_TrainsPublishesAndServesTheTunedRung()
    {
        await using var db = await StoreFixture.CreateAsync();
        var trainer = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>());
        var bot = Bots.Banking();
        bot.Id = "tuned-banking";
        bot.Models = new ModelAssignment { Intent = "tuned" };
        var stages = new List<string>();

        var trained = trainer.Train(bot, 1, new Studio.Inference.Learning.InlineProgress<TrainingProgress>(p => stages.Add(p.Stage)));

        Assert.True(trained.HasTunedRung);
        Assert.Contains(stages, s => s.StartsWith("Tuned rung: tuning the encoder", StringComparison.Ordinal));
        // The tuned model is the encoder's file with other weights in its last block.
        Assert.NotNull(trained.TunedRung.Layer);
        Assert.NotEqual(fixture.Encoder.ModelHash, trained.TunedRung.Hash);
        var turns = bot.Tests.SelectMany(t => t.Turns).Where(t => t.Expect?.Intent is not null).ToList();
        var right = turns.Count(t => trained.TunedRung.Classify(t.User).Ranking[0].Intent == t.Expect!.Intent);
        Assert.True(right >= turns.Count - 1, $"{right} of {turns.Count}");

        var loaded = TrainedBotFile.Read(TrainedBotFile.Write(trained, fixture.Encoder.ModelHash), bot, 1, fixture.Encoder);
        Assert.Equal(trained.TunedRung.Hash, loaded.TunedRung.Hash);
        const string message = "my card still hasn't arrived";
        Assert.Equal(trained.TunedRung.Classify(message).Ranking[0], loaded.TunedRung.Classify(message).Ranking[0]);

        var registry = new ModelRegistry(new Dictionary<string, ModelProfileOptions>(), _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);
        var pipeline = new BotPipelineFactory(registry, fixture.Encoder, TimeProvider.System).Create(bot, loaded);
        using var encoded = new EncodedMessages(bot.Id);
        var answered = await pipeline.AnswerAsync(new ConversationState(), message, null);
        Assert.Equal("card_arrival", answered.Analysis.Intent.Intent);
        Assert.Contains(answered.Analysis.Timings, t => t.Step == "intent: tuned head");
        // Through the tuned encoder and the encoder's own (for sentiment), the message is still one encoded message.
        Assert.Contains(answered.Analysis.Timings, t => t.Step == "encoder: tuned");
        Assert.Contains(answered.Analysis.Timings, t => t.Step == "encode (MiniLM)");
        Assert.Equal(1, encoded.Count);

        // With the n-gram sentiment head only the tuned encoder runs, and the message is counted all the same.
        bot.Models.Sentiment = "ngram";
        var ngramSentiment = new BotPipelineFactory(registry, fixture.Encoder, TimeProvider.System).Create(bot, loaded);
        var alone = await ngramSentiment.AnswerAsync(new ConversationState(), message, null);
        Assert.DoesNotContain(alone.Analysis.Timings, t => t.Step == "encode (MiniLM)");
        Assert.Equal(2, encoded.Count);
    }

    [Fact]
    public async Task ABotWhoseSetupDoesNotNameTuned_TunesOnlyWhenAColumnAsks_AndAVersionWithoutItSaysSo()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var trained = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>()).Train(bot, 1);

        Assert.False(trained.HasTunedRung);
        var published = TrainedBotFile.Read(TrainedBotFile.Write(trained, fixture.Encoder.ModelHash), bot, 1, fixture.Encoder);
        var refused = Assert.Throws<Studio.Core.Setups.SetupException>(() => published.TunedRung);
        Assert.Contains("Train (and publish) the bot again", refused.Message);

        // A side-by-side column of the draft tunes it on first use.
        Assert.Equal("card_arrival", trained.TunedRung.Classify("my card still hasn't arrived").Intent);
        Assert.True(trained.HasTunedRung);
    }

    [Fact]
    public async Task ABotTunedWithAnAdapter_BeforeTheLayerWasTuned_StillLoadsAndServesAsItWasTuned()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Small("adapter-bot");
        bot.Intents[0].Examples = ["hello", "hi there", "good morning", "hey", "hiya"];
        bot.Intents[1].Examples = ["goodbye", "see you", "bye for now", "talk later", "cheerio"];
        var trained = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>()).Train(bot, 1);
        // What an earlier release made for a tuned setup: an adapter on the sentence vector and the head over its vectors.
        var random = new Random(4);
        var d = fixture.Encoder.Dimensions;
        var adapter = new Studio.Inference.Tuning.ResidualAdapter(d, [.. Enumerable.Range(0, d * d).Select(_ => (float)(random.NextDouble() - 0.5) * 0.02f)]);
        var examples = bot.Intents.SelectMany(i => i.Examples.Select(e => new LabelledText(e, i.Name))).ToList();
        var inner = EncoderIntentClassifier.Train(examples, new Studio.Inference.Tuning.AdaptedEmbedder(fixture.Encoder, adapter), new TrainingOptions());
        var adapted = new TrainedBot(bot.Id, 1, "tuned", trained.NgramRung, trained.EncoderRung, trained.SentimentHead, Studio.Core.Entities.EntityExtractor.For(bot),
            fixture.Encoder, trained.Summary, trained.Knowledge, trained.NgramSentiment, new Studio.Inference.Tuning.TunedIntentClassifier(adapter, inner));

        var loaded = TrainedBotFile.Read(TrainedBotFile.Write(adapted, fixture.Encoder.ModelHash), bot, 1, fixture.Encoder);

        Assert.Null(loaded.TunedRung.Layer);
        Assert.Equal(adapter.Hash, loaded.TunedRung.Hash);
        Assert.Equal(adapted.TunedRung.Classify("good evening").Ranking[0], loaded.TunedRung.Classify("good evening").Ranking[0]);
        bot.Models = new ModelAssignment { Intent = "tuned" };
        var registry = new ModelRegistry(new Dictionary<string, ModelProfileOptions>(), _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);
        var answered = await new BotPipelineFactory(registry, fixture.Encoder, TimeProvider.System).Create(bot, loaded).AnswerAsync(new ConversationState(), "see you later", null);
        Assert.Equal("bye", answered.Analysis.Intent.Intent);
        Assert.Contains(answered.Analysis.Timings, t => t.Step == "intent: tuned head");
        Assert.DoesNotContain(answered.Analysis.Timings, t => t.Step == "encoder: tuned");
    }
}
