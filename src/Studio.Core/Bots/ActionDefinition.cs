namespace Studio.Core.Bots;

/// <summary>
/// A call to an enterprise HTTP API that an action node makes. The URL, the body and the headers are templates:
/// <c>{slot}</c> takes a slot's value (escaped for where it goes), and a header may hold <c>{secret:NAME}</c>, a
/// secret the installation configures under <c>Actions:Secrets</c>, so no secret is ever in the document or a version.
/// </summary>
public sealed class ActionDefinition
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary><c>GET</c> (the default), <c>POST</c>, <c>PUT</c>, <c>PATCH</c> or <c>DELETE</c>.</summary>
    public string Method { get; set; } = "GET";

    /// <summary>An absolute http(s) URL; slot values are percent-encoded into it.</summary>
    public string Url { get; set; } = "";

    /// <summary>Header name to value; the only place a <c>{secret:NAME}</c> may appear.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>A JSON body; slot values are written into it as JSON string content.</summary>
    public string? Body { get; set; }

    /// <summary>How long the call may take in all, retries included; 5,000 ms when not given.</summary>
    public int? TimeoutMs { get; set; }

    /// <summary>Slot name to the JSON path of the answer that fills it (<c>$.balance.amount</c>, <c>$.cards[0].id</c>).</summary>
    public Dictionary<string, string>? Map { get; set; }
}
