namespace Studio.Data.Access;

/// <summary>
/// The person at the machine running the CLI: whoever can open the data folder already owns everything in it,
/// so they may do everything, recorded under their login name.
/// </summary>
public sealed class LocalOperator : ICurrentActor
{
    private readonly Actor _actor = new(Environment.UserName, null, new HashSet<Right>(Enum.GetValues<Right>()));

    public Task<Actor> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(_actor);
}
