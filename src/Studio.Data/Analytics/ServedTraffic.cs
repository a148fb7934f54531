using Microsoft.EntityFrameworkCore;

namespace Studio.Data.Analytics;

internal static class ServedTraffic
{
    /// <summary>Deletes what analytics counted for a bot: a bot made later under the same id starts with nothing of it.</summary>
    public static async Task DeleteAsync(StudioDbContext db, string botId, CancellationToken cancellationToken)
    {
        await db.TrafficHours.Where(h => h.BotId == botId).ExecuteDeleteAsync(cancellationToken);
        await db.TrafficIntentHours.Where(h => h.BotId == botId).ExecuteDeleteAsync(cancellationToken);
        await db.ServedConversations.Where(c => c.BotId == botId).ExecuteDeleteAsync(cancellationToken);
    }
}
