using System.Text.Json;
using System.Text.Json.Nodes;

namespace Studio.Web.Api;

/// <summary>
/// A <c>/v1/embeddings</c> request read by hand, as the chat request is, so every mistake is an OpenAI-style error that
/// names the parameter. <paramref name="Base64"/>: vectors as base64 little-endian float32, as OpenAI's clients ask by default.
/// </summary>
internal sealed record EmbeddingRequest(string Model, IReadOnlyList<string> Inputs, bool Base64)
{
    /// <summary>Model ids the encoder answers to: the rung's own and the encoder model's name.</summary>
    public static bool IsEncoder(string model, string encoderId) =>
        model == "encoder" || string.Equals(model, encoderId, StringComparison.OrdinalIgnoreCase);

    /// <param name="maxInputs">Most texts in one request.</param>
    /// <param name="maxCharacters">Longest text, in characters, checked before any is tokenised.</param>
    public static (EmbeddingRequest? Request, IResult? Error) Parse(ReadOnlySpan<byte> body, string encoderId, int dimensions, int maxInputs, int maxCharacters)
    {
        var (root, model, readError) = OpenAiRequestBody.Read(body, "'encoder' embeds with Studio's sentence encoder");
        if (root is null)
        {
            return (null, readError);
        }

        if (!IsEncoder(model, encoderId))
        {
            return (null, OpenAiErrors.Result(404, $"The model '{model}' does not make embeddings here; use 'encoder' ({encoderId}).", param: "model", code: "model_not_found"));
        }

        var inputs = new List<string>();
        switch (root["input"])
        {
            case JsonValue one when one.TryGetValue<string>(out var text):
                inputs.Add(text);
                break;
            case JsonArray many when many.Count is > 0 && many.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                if (many.Count > maxInputs)
                {
                    return (null, OpenAiErrors.Result(400, $"'input' holds {many.Count:N0} texts; the limit is {maxInputs:N0} a request (Runtime:MaxEmbeddingInputs).", param: "input"));
                }

                inputs.AddRange(many.Select(n => n!.GetValue<string>()));
                break;
            case JsonArray tokens when tokens.Count > 0:
                return (null, OpenAiErrors.Result(400, "'input' must be a string or an array of strings; token arrays are not accepted, since this encoder has its own tokenizer.", param: "input"));
            default:
                return (null, OpenAiErrors.Result(400, "'input' is required: a string, or a non-empty array of strings.", param: "input"));
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(inputs[i]))
            {
                return (null, OpenAiErrors.Result(400, $"input[{i}] is empty; every text must say something.", param: "input"));
            }

            if (inputs[i].Length > maxCharacters)
            {
                return (null, OpenAiErrors.Result(400, $"input[{i}] is {inputs[i].Length:N0} characters; the limit is {maxCharacters:N0} (Runtime:MaxEmbeddingInputCharacters).", param: "input"));
            }
        }

        var format = root["encoding_format"] is JsonValue f && f.TryGetValue<string>(out var written) ? written : "float";
        if (format is not ("float" or "base64"))
        {
            return (null, OpenAiErrors.Result(400, $"'encoding_format' is 'float' or 'base64', not '{format}'.", param: "encoding_format"));
        }

        if (root["dimensions"] is JsonValue d && (!d.TryGetValue<int>(out var asked) || asked != dimensions))
        {
            return (null, OpenAiErrors.Result(400, $"This encoder makes vectors of {dimensions} dimensions; 'dimensions' can only be {dimensions}.", param: "dimensions"));
        }

        return (new EmbeddingRequest(model, inputs, format == "base64"), null);
    }
}
