using Studio.Application.Training;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Documents;
using Studio.Core.Entities;
using Studio.Data.Access;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Inference.Serving;

namespace Studio.Application.Review;

/// <summary>
/// The review inbox: served turns that were unsure, out of scope, fell back, negative or escalated, turned by a designer
/// into examples of the right intent (with entity marks), conversation tests, or nothing; each review is claimed once,
/// recorded, and can be undone, taking out what it added. The next training learns from what was added, and
/// <see cref="CheckAsync"/> says how many reviewed messages it now gets right.
/// </summary>
public sealed class ReviewInbox(TranscriptStore transcripts, BotDraftStore drafts, TrainingService training, BotPipelineFactory pipelines, ICurrentActor actor)
{
    public const int MaxExampleLength = 1000;

    /// <summary>Adds the message (as <paramref name="example"/>, where the designer may have marked entities) as an example of <paramref name="intent"/>.</summary>
    /// <exception cref="ArgumentException">The intent is not the bot's, or the example is empty or too long.</exception>
    /// <exception cref="TurnAlreadyReviewedException">It was reviewed meanwhile.</exception>
    public async Task<TranscriptTurn> AddExampleAsync(string botId, long turnId, string intent, string? example = null, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        var turn = await transcripts.TurnAsync(botId, turnId, cancellationToken);
        var text = (example ?? turn.UserText).Trim();
        if (text.Length == 0 || text.Length > MaxExampleLength)
        {
            throw new ArgumentException($"An example has 1 to {MaxExampleLength:N0} characters; this one has {text.Length:N0}.");
        }

        // A message the bot already has as an example is recorded as reviewed, and nothing is added, so an undo never removes a designer's own example.
        var plain = ExampleMarkup.Plain(text);
        var owner = (await drafts.GetAsync(botId, cancellationToken)).Bot.Intents.FirstOrDefault(i => i.PlainExamples().Contains(plain, StringComparer.OrdinalIgnoreCase));
        if (owner is not null && owner.Name != intent)
        {
            // Recording it as reviewed for another intent would leave the two disagreeing, and the check counting a miss it cannot fix.
            throw new ArgumentException($"'{plain}' is already an example of '{owner.Name}'; pick '{owner.Name}', or move the example on the Intents page first.");
        }

        var known = owner is not null;
        return await ReviewAndEditAsync(botId, turn, TurnReview.Example, intent, known ? null : text, known ? null : bot => Intent(bot, intent).Examples.Add(text), cancellationToken);
    }

    /// <summary>Turns the turn's conversation into a conversation test; the reviewed turn expects <paramref name="intent"/> (null: out of scope).</summary>
    public async Task<TranscriptTurn> AddTestAsync(string botId, long turnId, string? intent, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        var turn = await transcripts.TurnAsync(botId, turnId, cancellationToken);
        // Two applications (keys) may use the same conversation id: only this one's turns are the conversation.
        var conversation = (await transcripts.TurnsAsync(botId, turn.ConversationId, cancellationToken)).Where(t => t.KeyId == turn.KeyId).ToList();
        var name = $"inbox-{turn.Id}";
        return await ReviewAndEditAsync(botId, turn, TurnReview.Test, intent, name, bot =>
        {
            if (intent is not null)
            {
                Intent(bot, intent);
            }

            bot.Tests.RemoveAll(t => t.Name == name);
            bot.Tests.Add(new ConversationTest
            {
                Name = name,
                Turns = [.. conversation.Where(t => t.Id <= turn.Id).Select(t => new TestTurn
                {
                    User = t.UserText,
                    Expect = new TurnExpectation { Intent = t.Id == turn.Id ? intent ?? ChatAsTest.OutOfScope : t.OutOfScope || t.Intent is null ? ChatAsTest.OutOfScope : t.Intent },
                })],
            });
        }, cancellationToken);
    }

    /// <summary>Confirms that the bot should not handle the message (out of scope), or that there is nothing to learn (dismissed).</summary>
    public async Task<TranscriptTurn> MarkAsync(string botId, long turnId, TurnReview review, CancellationToken cancellationToken = default)
    {
        if (review is not (TurnReview.OutOfScope or TurnReview.Dismissed))
        {
            throw new ArgumentException("Mark a turn as out of scope or dismissed; add an example or a test with their own actions.");
        }

        await actor.DemandAsync(Right.Edit, cancellationToken);
        var turn = await transcripts.TurnAsync(botId, turnId, cancellationToken);
        return await ReviewAndEditAsync(botId, turn, review, null, null, null, cancellationToken);
    }

    /// <summary>Undoes a review: the example or test it added leaves the draft (if still as added), and the turn is back in the inbox.</summary>
    public async Task<TranscriptTurn> UndoAsync(string botId, long turnId, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        var turn = await transcripts.TurnAsync(botId, turnId, cancellationToken);
        if (turn.Review == TurnReview.None)
        {
            throw new ArgumentException($"Turn {turnId} is not reviewed; there is nothing to undo.");
        }

        // Unclaimed first, in one update that holds only while the review is the one read here: two undos, or an undo
        // racing a new review, never both take something out.
        if (!await transcripts.UnreviewAsync(botId, turnId, turn.ReviewedUtc, cancellationToken))
        {
            throw TurnAlreadyReviewedException.ChangedMeanwhile(turnId);
        }

        if (turn.Review is TurnReview.Example or TurnReview.Test && turn.ReviewedAdded is { } added)
        {
            try
            {
                await EditDraftAsync(botId, bot =>
                {
                    if (turn.Review == TurnReview.Example)
                    {
                        bot.Intents.FirstOrDefault(i => i.Name == turn.ReviewedIntent)?.Examples.Remove(added);
                    }
                    else
                    {
                        bot.Tests.RemoveAll(t => t.Name == added);
                    }
                }, cancellationToken);
            }
            catch
            {
                // What it added is still in the draft, so the review stands; if someone reviewed the turn in between, say so.
                if (!await transcripts.ReviewAsync(botId, turnId, turn.Review, turn.ReviewedIntent, added, CancellationToken.None))
                {
                    throw TurnAlreadyReviewedException.ChangedMeanwhile(turnId);
                }

                throw;
            }
        }

        return await transcripts.TurnAsync(botId, turnId, cancellationToken);
    }

    /// <summary>Trains the draft as it is now (or uses the models of this revision) and reads every reviewed message with it.</summary>
    /// <exception cref="Studio.Data.Access.PermissionDeniedException">The actor may not edit: a check trains, which is a designer's work.</exception>
    public async Task<ReviewCheck> CheckAsync(string botId, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        var stored = await drafts.GetAsync(botId, cancellationToken);
        var reviewed = (await transcripts.ReviewedAsync(botId, cancellationToken: cancellationToken)).Where(t => t.Review is TurnReview.Example or TurnReview.OutOfScope or TurnReview.Test).ToList();
        var trained = await training.CurrentAsync(stored.Bot, stored.Revision, cancellationToken);
        var pipeline = pipelines.Create(stored.Bot, trained);
        var misses = new List<ReviewMiss>();
        foreach (var turn in reviewed)
        {
            var analysis = await pipeline.UnderstandAsync(ExampleMarkup.Plain(turn.ReviewedAdded is { } added && turn.Review == TurnReview.Example ? added : turn.UserText), cancellationToken);
            var got = analysis.Intent.OutOfScope || analysis.Intent.Intent is null ? ChatAsTest.OutOfScope : analysis.Intent.Intent;
            var expected = turn.ReviewedIntent ?? ChatAsTest.OutOfScope;
            if (got != expected)
            {
                misses.Add(new ReviewMiss(turn.Id, turn.UserText, expected, got));
            }
        }

        return new ReviewCheck(stored.Revision, reviewed.Count, reviewed.Count - misses.Count, misses);
    }

    private async Task<TranscriptTurn> ReviewAndEditAsync(string botId, TranscriptTurn turn, TurnReview review, string? intent, string? added, Action<BotDefinition>? change,
        CancellationToken cancellationToken)
    {
        if (intent is not null)
        {
            Intent((await drafts.GetAsync(botId, cancellationToken)).Bot, intent);
        }

        // Claimed first, so two reviewers never both add; given back if the draft refuses the change.
        if (!await transcripts.ReviewAsync(botId, turn.Id, review, intent, added, cancellationToken))
        {
            throw new TurnAlreadyReviewedException(turn.Id);
        }

        if (change is not null)
        {
            try
            {
                await EditDraftAsync(botId, change, cancellationToken);
            }
            catch
            {
                await transcripts.UnreviewAsync(botId, turn.Id, cancellationToken: CancellationToken.None);
                throw;
            }
        }

        return await transcripts.TurnAsync(botId, turn.Id, cancellationToken);
    }

    private async Task EditDraftAsync(string botId, Action<BotDefinition> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await drafts.GetAsync(botId, cancellationToken);
            var bot = BotDocuments.Clone(stored.Bot);
            change(bot);
            try
            {
                await drafts.SaveAsync(bot, stored.Revision, cancellationToken);
                return;
            }
            catch (StaleRevisionException) when (attempt < 3)
            {
                // Someone saved meanwhile: make the change on their draft instead.
            }
        }
    }

    private static Intent Intent(BotDefinition bot, string name) =>
        bot.Intents.FirstOrDefault(i => i.Name == name) ?? throw new ArgumentException($"'{name}' is not an intent of the bot; pick one of its intents, or out of scope.");
}
