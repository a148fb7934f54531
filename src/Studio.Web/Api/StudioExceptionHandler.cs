using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Studio.Core.Documents;
using Studio.Core.Templates;
using Studio.Data.Drafts;

namespace Studio.Web.Api;

/// <summary>Maps domain exceptions to problem details with a status code and a message a designer can act on.</summary>
internal sealed class StudioExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    // A 503 the caller may simply retry: it says when.
    private static ProblemDetails Unavailable(HttpContext http, string title, string detail)
    {
        http.Response.Headers.RetryAfter = "2";
        return new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail };
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            BotValidationException invalid => ValidationProblems.From(invalid.Problems),
            Studio.Data.Access.PermissionDeniedException denied => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not allowed", Detail = denied.Message },
            StaleRevisionException stale => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The bot was changed by someone else",
                Detail = stale.Message,
                Extensions = { ["currentRevision"] = stale.CurrentRevision },
            },
            Studio.Data.Models.ModelProfileConflictException modelConflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The model profile conflicts", Detail = modelConflict.Message },
            BotAlreadyExistsException exists => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The bot id is taken", Detail = exists.Message },
            BotPublishedException published => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The bot is published; retire it first", Detail = published.Message },
            Studio.Data.Teaching.TeachingRunNotFoundException missingRun => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "No such teaching run", Detail = missingRun.Message },
            Studio.Application.Review.TurnAlreadyReviewedException reviewed => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Already reviewed", Detail = reviewed.Message },
            Studio.Data.Publishing.TurnNotFoundException missingTurn => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "No such turn", Detail = missingTurn.Message },
            BotNotFoundException missing => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "No such bot", Detail = missing.Message },
            TemplateNotFoundException missingTemplate => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "No such template", Detail = missingTemplate.Message },
            FileTooLargeException tooLarge => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The file is too large",
                Detail = tooLarge.Message,
                Extensions = { ["limitBytes"] = tooLarge.Limit },
            },
            Studio.Inference.Bots.BotTrainingException untrainable => new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Title = "The bot cannot be trained yet", Detail = untrainable.Message },
            Studio.Application.Runtime.BotRetiredException retired => new ProblemDetails { Status = StatusCodes.Status410Gone, Title = "The bot was retired", Detail = retired.Message },
            Studio.Application.Runtime.VersionNotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "No such version", Detail = notFound.Message },
            Studio.Inference.Models.ModelUnavailableException unavailable => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "The bot's model is unavailable", Detail = unavailable.Message },
            Studio.Application.Runtime.ConversationBusyException conversationBusy => Unavailable(httpContext, "The conversation is busy", conversationBusy.Message),
            // Conversation state, rate budgets and locks live in Redis when scaled out: while it is away, turns wait rather than lose state.
            StackExchange.Redis.RedisException or StackExchange.Redis.RedisTimeoutException => Unavailable(httpContext, "Shared state is unavailable",
                "This node cannot reach Redis (Redis:Configuration), which holds conversation state and rate budgets; the conversation's state was not changed. Try again in a few seconds."),
            Studio.Inference.Models.ModelBusyException busy => new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "The bot's model is busy", Detail = busy.Message },
            Studio.Inference.Bots.ModelDriftException drift => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "The version's models have changed", Detail = drift.Message },
            Studio.Application.Publishing.PublishRefusedException refused => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The publish was refused",
                Detail = refused.Message,
                Extensions = { ["gate"] = refused.Gate },
            },
            Studio.Application.Jobs.JobQueueFullException full => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Too many jobs are waiting",
                Detail = full.Message,
                Extensions = { ["queueCapacity"] = full.Capacity },
            },
            Studio.Application.Jobs.JobCancelledException cancelled => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The job was cancelled", Detail = cancelled.Message },
            ArgumentException invalidArgument => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The request is not valid", Detail = invalidArgument.Message },
            InvalidDataException invalidData => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The file cannot be read", Detail = invalidData.Message },
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not a valid request",
                Detail = json.Message,
            },
            // JSON readers throw these for text they cannot read, such as an escaped lone surrogate ("\ud800"): the caller's input, not a fault of ours.
            System.Text.Json.JsonException json => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The request body is not a valid request", Detail = json.Message },
            InvalidOperationException { Source: "System.Text.Json.Rethrowable" } unreadable => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request holds text that is not valid Unicode",
                Detail = unreadable.Message,
            },
            BadHttpRequestException badRequest => new ProblemDetails { Status = badRequest.StatusCode, Title = "Bad request", Detail = badRequest.Message },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
