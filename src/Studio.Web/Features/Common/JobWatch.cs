using Studio.Application.Jobs;
using Studio.Application.Training;

namespace Studio.Web.Features.Common;

/// <summary>
/// A component's one subscription to its bot's jobs of one kind: moved when the component is given another bot, and
/// gone when the component is disposed, so a closed page is never called back.
/// </summary>
public sealed class JobWatch(TrainingService training, JobKind kind, Action<JobSnapshot> onChange) : IDisposable
{
    private IDisposable? _subscription;
    private string? _botId;

    public void Watch(string botId)
    {
        if (botId == _botId)
        {
            return;
        }

        _subscription?.Dispose();
        _botId = botId;
        _subscription = training.Subscribe(botId, job =>
        {
            if (job.Kind == kind)
            {
                onChange(job);
            }
        });
    }

    public void Dispose() => _subscription?.Dispose();
}
