namespace Studio.Tests.Support;

/// <summary>
/// Waits for something another process or node makes true (a notice over Redis, a server coming back). The bound is
/// generous and only catches a hang: a slow machine takes longer, it does not fail.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Bound.TotalSeconds:0} s and still not true: {what}.");
            }

            await Task.Delay(25);
        }
    }
}
