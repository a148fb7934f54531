namespace Studio.Web.Accounts;

/// <summary>An account as the Users page lists it.</summary>
public sealed record StudioUser(string Id, string Email, string Role);
