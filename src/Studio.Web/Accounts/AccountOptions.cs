namespace Studio.Web.Accounts;

/// <summary>The <c>Studio:Admin</c> section: the first administrator, created at the first start when there are no users.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Studio:Admin";

    public string Email { get; set; } = "admin@studio.local";

    /// <summary>Empty: a password is generated and printed once at the first start.</summary>
    public string? Password { get; set; }
}
