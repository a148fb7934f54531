using System.CommandLine;
using Studio.Core.Conversations;

namespace Studio.Cli.Commands;

/// <summary>
/// <c>studio test &lt;bot&gt;</c>: trains the bot (a file, or a stored draft) and plays its conversation tests. Prints each failure with the
/// turn and the difference, ends with <c>N passed, N failed</c>, and exits 1 on any failure, so teams can
/// gate their own CI on it.
/// </summary>
internal static class TestCommand
{
    public static Command Create(Option<string?> dataDirectory)
    {
        var bot = BotArgument.Create();
        var command = new Command("test", "Runs a bot's conversation tests against its trained draft.") { bot };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await BotArgument.OpenAsync(parse.GetRequiredValue(bot), parse.GetValue(dataDirectory), cancellationToken);
            if (opened is not (var context, var stored))
            {
                return 1;
            }

            if (await context.TrainAsync(stored, progress: null, cancellationToken) is not { } trained)
            {
                return 1;
            }

            // The pipeline the runtime would serve, so this gate and the publish gate agree.
            var report = await ConversationTestRunner.RunAsync(stored.Bot, context.Get<Studio.Inference.Serving.BotPipelineFactory>().Create(stored.Bot, trained), cancellationToken: cancellationToken);
            foreach (var failure in report.Failures)
            {
                Console.WriteLine("FAIL " + failure);
            }

            Console.WriteLine($"{report.Passed} passed, {report.Failed} failed");
            return report.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}
