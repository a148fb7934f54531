using System.Text;
using Studio.Core.Documents;

namespace Studio.Tests.Documents;

/// <summary>Uploads are text: a binary file is refused whatever its name, and says what it looks like.</summary>
public class BinaryUploadTests
{
    public static TheoryData<string, byte[], string> BinaryFiles => new()
    {
        { "handbook.pdf", [.. "%PDF-1.7\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, .. "\n1 0 obj\n"u8], "PDF" },
        { "handbook.md", [.. "%PDF-1.4\n1 0 obj << /Type /Catalog >>\n"u8], "PDF" }, // all ASCII, named as Markdown
        { "notes.docx", [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0], "ZIP" },
        { "logo.txt", [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10], "PNG" },
        { "data.md", [.. "valid UTF-8 with a NUL \0 inside"u8], "control character" },
        { "faq.md", [.. "# FAQ\n\u0001\u0002\u0003 binary-ish"u8], "control character" },
    };

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public async Task BinaryContent_IsRefused_NamingWhatIsAccepted(string name, byte[] bytes, string says)
    {
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => LimitedText.ReadAsync(new MemoryStream(bytes), name, bytes.Length, 1024 * 1024));

        Assert.Contains(says, refused.Message);
        Assert.Contains("UTF-8 text only", refused.Message);
        Assert.Contains(name, refused.Message);
    }

    [Fact]
    public async Task OrdinaryText_WithTabsAccentsAndWindowsLineEnds_IsRead()
    {
        const string text = "# Café hours\r\n\r\n\tMonday–Friday: 9–17 €\fnext page\n";
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(text, await LimitedText.ReadAsync(new MemoryStream(bytes), "hours.md", bytes.Length, 1024 * 1024));
    }
}
