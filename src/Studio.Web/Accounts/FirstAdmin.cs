using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Studio.Web.Accounts;

/// <summary>Creates the roles, and at the very first start the first administrator (from configuration, or with a password printed once).</summary>
public static class FirstAdmin
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StudioRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (users.Users.Any())
        {
            return;
        }

        var options = scope.ServiceProvider.GetRequiredService<IOptions<AccountOptions>>().Value;
        var generated = string.IsNullOrWhiteSpace(options.Password);
        var password = generated ? GeneratePassword() : options.Password!;
        var admin = new IdentityUser { UserName = options.Email, Email = options.Email, EmailConfirmed = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"The first administrator '{options.Email}' could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))} (Studio:Admin:Password)");
        }

        await users.AddToRoleAsync(admin, StudioRoles.Admin);
        if (generated)
        {
            // Printed once, on the console of the first start; it is stored only as a hash.
            Console.WriteLine($"Studio: first administrator created. Sign in as {options.Email} with password {password}; keep it safe (the Users page can issue a new one).");
        }
    }

    /// <summary>A password that meets Identity's default rules: 20 characters with upper, lower, digit and symbol.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "-_.!@#%";
        var all = lower + upper + digits + symbols;
        var chars = new[] { Pick(lower), Pick(upper), Pick(digits), Pick(symbols) }.Concat(Enumerable.Range(0, 16).Select(_ => Pick(all))).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);

        static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
    }
}
