namespace Studio.Tests.Api;

/// <summary>The test classes that share one published bot, trained once.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedBotGroup : ICollectionFixture<PublishedBotHost>
{
    public const string Name = "published bot";
}
