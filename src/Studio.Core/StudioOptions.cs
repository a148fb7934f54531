using System.ComponentModel.DataAnnotations;

namespace Studio.Core;

/// <summary>The <c>Studio</c> configuration section, shared by the web app and the CLI.</summary>
public sealed class StudioOptions
{
    public const string SectionName = "Studio";

    /// <summary>Folder for the SQLite database and other state; relative paths are taken from the working folder.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Folder of starter bot templates.</summary>
    [Required]
    public string TemplatesDirectory { get; set; } = "templates";

    /// <summary>Largest bot file accepted by import, in bytes.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;
}
