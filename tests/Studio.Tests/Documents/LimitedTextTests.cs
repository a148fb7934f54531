using System.Text;
using Studio.Core.Documents;

namespace Studio.Tests.Documents;

public class LimitedTextTests
{
    [Fact]
    public async Task DeclaredSizeOverTheLimit_IsRefusedBeforeReading()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("id: x"));

        var refused = await Assert.ThrowsAsync<FileTooLargeException>(() => LimitedText.ReadAsync(stream, "bot.yaml", declaredSize: 6 * 1024 * 1024, limit: 5 * 1024 * 1024));

        Assert.Equal("'bot.yaml' is 6 MB; the limit is 5 MB (Studio:MaxUploadBytes).", refused.Message);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task UnderstatedSize_IsCaughtWhileReading()
    {
        var stream = new MemoryStream(new byte[3000]);

        await Assert.ThrowsAsync<FileTooLargeException>(() => LimitedText.ReadAsync(stream, "bot.yaml", declaredSize: 10, limit: 2048));
    }

    [Fact]
    public async Task ByteOrderMark_IsDropped()
    {
        var stream = new MemoryStream([0xEF, 0xBB, 0xBF, (byte)'i', (byte)'d']);

        Assert.Equal("id", await LimitedText.ReadAsync(stream, "bot.yaml", null, 1024));
    }
}
