namespace Studio.Cli;

/// <summary>A one-line progress bar on standard error, drawn only when that is a terminal (never into logs or pipes).</summary>
internal sealed class TerminalProgress : IDisposable
{
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private string _stage = "";
    private int _lastDrawn = -1;

    public void Report(string stage, double fraction)
    {
        if (!_enabled)
        {
            return;
        }

        var percent = (int)Math.Clamp(fraction * 100, 0, 100);
        if (stage == _stage && percent == _lastDrawn)
        {
            return;
        }

        (_stage, _lastDrawn) = (stage, percent);
        const int width = 30;
        var filled = percent * width / 100;
        Console.Error.Write($"\r{stage,-38} [{new string('#', filled)}{new string('.', width - filled)}] {percent,3}%");
    }

    public void Dispose()
    {
        if (_enabled && _lastDrawn >= 0)
        {
            Console.Error.Write("\r" + new string(' ', 80) + "\r");
        }
    }
}
