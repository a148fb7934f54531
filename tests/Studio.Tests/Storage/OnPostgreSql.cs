using Studio.Core;

namespace Studio.Tests.Storage;

// The storage tests again, on PostgreSQL (the server STUDIO_TEST_POSTGRES names; .ci/run starts one on loopback).

public sealed class AnalyticsStoreTestsOnPostgreSql : AnalyticsStoreTests
{
    protected override string Provider => DatabaseOptions.PostgreSql;
}

public sealed class BotDraftStoreTestsOnPostgreSql : BotDraftStoreTests
{
    protected override string Provider => DatabaseOptions.PostgreSql;
}

public sealed class BotRetirementTestsOnPostgreSql : BotRetirementTests
{
    protected override string Provider => DatabaseOptions.PostgreSql;
}

public sealed class ComparisonStoreTestsOnPostgreSql : ComparisonStoreTests
{
    protected override string Provider => DatabaseOptions.PostgreSql;
}

public sealed class ModelProfileStoreTestsOnPostgreSql : ModelProfileStoreTests
{
    protected override string Provider => DatabaseOptions.PostgreSql;
}

public sealed class TrafficSplitTestsOnPostgreSql : TrafficSplitTests
{
    protected override string Provider => DatabaseOptions.PostgreSql;
}

public sealed class TranscriptStoreTestsOnPostgreSql : TranscriptStoreTests
{
    protected override string Provider => DatabaseOptions.PostgreSql;
}
