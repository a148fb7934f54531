using System.Text;
using Studio.Core.Bots;
using Studio.Core.Documents;

namespace Studio.Web.Api;

/// <summary>A bot written as a downloadable file; shared by the export endpoint and the studio's download button.</summary>
public sealed record BotExport(byte[] Content, string ContentType, string FileName)
{
    public static BotExport Create(BotDefinition bot, string? format)
    {
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        var text = BotDocuments.Write(bot, json ? BotDocumentFormat.Json : BotDocumentFormat.Yaml);
        return new BotExport(Encoding.UTF8.GetBytes(text), json ? "application/json" : "application/yaml", $"{bot.Id}.{(json ? "json" : "yaml")}");
    }
}
