namespace Studio.Core.Templates;

/// <summary>A starter template was asked for that the templates folder does not have.</summary>
public sealed class TemplateNotFoundException(string templateId) : Exception($"There is no starter template '{templateId}'.")
{
    public string TemplateId { get; } = templateId;
}
