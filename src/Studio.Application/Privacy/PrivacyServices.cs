using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Studio.Application.Privacy;

public static class PrivacyServices
{
    /// <summary>The redactor of served turns: erasing, or HMAC when <c>Privacy:CorrelationKey</c> is set (checked at start).</summary>
    public static IHostApplicationBuilder AddStudioPrivacy(this IHostApplicationBuilder builder)
    {
        var key = builder.Configuration.GetSection(PrivacyOptions.Section).Get<PrivacyOptions>()?.CorrelationKey;
        if (!string.IsNullOrEmpty(key) && (key.Length < 44 || !IsBase64(key)))
        {
            throw new InvalidOperationException("Privacy:CorrelationKey must be a base64 key of at least 44 characters (32 random bytes), or unset to erase redacted values.");
        }

        builder.Services.AddRedaction(redaction =>
        {
            if (!string.IsNullOrEmpty(key))
            {
#pragma warning disable EXTEXP0002 // The HMAC redactor is marked experimental; its output format is all that could change, and only new turns would see it.
                redaction.SetHmacRedactor(o => { o.Key = key; o.KeyId = 1; }, new DataClassificationSet(TurnRedactor.PersonalDataClass));
#pragma warning restore EXTEXP0002
            }
            else
            {
                redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(TurnRedactor.PersonalDataClass));
            }
        });
        builder.Services.AddSingleton<TurnRedactor>();
        return builder;
    }

    private static bool IsBase64(string key) => Convert.TryFromBase64String(key, new byte[key.Length], out _);
}
