using Studio.Application.Runtime;
using Studio.Web.Runtime;

namespace Studio.Web.Api;

public static class ApiExtensions
{
    /// <summary>One error path: every domain exception becomes an RFC 7807 problem.</summary>
    public static IHostApplicationBuilder AddStudioApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StudioExceptionHandler>();
        builder.Services.AddSingleton<EmbeddingGate>();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // Missing or null where the model needs a value is a 400 naming the field, not a crash further in.
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            // A misspelt key is refused rather than silently dropped, as the schema does for files.
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapStudioApi(this IEndpointRouteBuilder app)
    {
        app.MapBotsApi();
        app.MapTemplatesApi();
        app.MapDocumentsApi();
        app.MapTrainingApi();
        app.MapComparisonApi();
        app.MapTeachingApi();
        app.MapJobsApi();
        app.MapPublishingApi();
        app.MapAnalyticsApi();
        app.MapInboxApi();
        app.MapServedApi();
        app.MapWebChatPreview();
        app.MapModelsApi();
        return app;
    }

    /// <summary>What a runtime node serves: the runtime API, Rasa's channel and the OpenAI-compatible <c>/v1</c>, all behind API keys.</summary>
    public static IEndpointRouteBuilder MapServedApi(this IEndpointRouteBuilder app)
    {
        app.MapRuntimeApi();
        app.MapRasaChannel();
        app.MapOpenAiApi();
        return app;
    }
}
