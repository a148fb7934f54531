namespace Studio.Core.Bots;

/// <summary>An image under a response, over https; the alternative text is what a text-only channel or a screen reader says.</summary>
public sealed class ResponseImage
{
    public string Url { get; set; } = "";

    public string Alt { get; set; } = "";
}
