using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using Studio.Core;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Inference.Knowledge;
using Studio.Web.Features.Common;

namespace Studio.Web.Features.Knowledge;

/// <summary>Adds, replaces and removes a bot's knowledge documents, and sets how sure retrieval must be.</summary>
public sealed partial class KnowledgeSources : IDisposable
{
    private string? _selected;
    private string? _pasteName;
    private string? _pasteContent;
    private string? _problem;
    private EditResult? _edit;
    private readonly Dictionary<string, (string Content, IReadOnlyList<KnowledgeChunk> Chunks)> _passages = new(StringComparer.Ordinal);

    [Inject] private DraftSession Session { get; set; } = default!;

    [Inject] private IOptions<StudioOptions> Options { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }

    private List<KnowledgeSource> Sources => Session.Bot?.Knowledge?.Sources ?? [];

    private float Threshold => Session.Bot?.Knowledge?.Threshold ?? KnowledgeIndex.DefaultThreshold;

    protected override void OnInitialized() => Session.Changed += OnSessionChanged;

    protected override void OnParametersSet() => _selected ??= Source ?? (Sources.Count > 0 ? Sources[0].Name : null);

    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        _problem = null;
        var added = new List<KnowledgeSource>();
        foreach (var file in files ?? [])
        {
            try
            {
                var limit = Options.Value.MaxUploadBytes;
                added.Add(new KnowledgeSource { Name = file.Name, Content = await BrowserFiles.ReadTextAsync(file, limit) });
            }
            catch (Exception ex) when (ex is FileTooLargeException or InvalidDataException)
            {
                _problem = ex.Message;
                return; // nothing is added unless every file reads
            }
        }

        await SaveAsync(added);
    }

    private async Task PasteAsync()
    {
        _problem = null;
        var name = _pasteName!.Trim();
        // The same limit as an upload, counted as the stored bytes are.
        var size = System.Text.Encoding.UTF8.GetByteCount(_pasteContent!);
        if (size > Options.Value.MaxUploadBytes)
        {
            _problem = new FileTooLargeException(name, size, Options.Value.MaxUploadBytes).Message;
            return;
        }

        try
        {
            LimitedText.EnsureText(_pasteContent!, name);
        }
        catch (InvalidDataException binary)
        {
            _problem = binary.Message;
            return;
        }

        await SaveAsync([new KnowledgeSource { Name = name, Content = _pasteContent! }]);
        if (_edit is { Saved: true })
        {
            (_pasteName, _pasteContent) = (null, null);
        }
    }

    // A document with a name already there replaces it: re-uploading a changed page is how it is updated.
    private async Task SaveAsync(List<KnowledgeSource> documents)
    {
        if (documents.Count == 0)
        {
            return;
        }

        _edit = await Session.EditAsync(bot =>
        {
            bot.Knowledge ??= KnowledgeSettings.ForNewDocuments();
            foreach (var document in documents)
            {
                bot.Knowledge.Sources.RemoveAll(s => s.Name == document.Name);
                bot.Knowledge.Sources.Add(document);
            }

            return null;
        });
        _selected = documents[^1].Name;
    }

    private async Task RemoveAsync(string name)
    {
        // Removing loses the text (it may have been pasted, with no file behind it): asked first.
        if (await Dialogs.ShowMessageBoxAsync($"Remove {name}?",
                $"'{name}' and its passages leave the draft, and answers stop quoting it once the bot is trained again. Published versions keep their copy.",
                yesText: "Remove document", cancelText: "Keep") != true)
        {
            return;
        }

        _edit = await Session.EditAsync(bot =>
        {
            bot.Knowledge?.Sources.RemoveAll(s => s.Name == name);
            return null;
        });
    }

    private bool AnswersIntentsWithoutFlow => Session.Bot?.Knowledge?.AnswersIntentsWithoutFlow == true;

    private async Task SetAnswersIntentsWithoutFlowAsync(bool on) => _edit = await Session.EditAsync(bot =>
    {
        bot.Knowledge ??= KnowledgeSettings.ForNewDocuments();
        bot.Knowledge.AnswersIntentsWithoutFlow = on;
        return null;
    });

    private async Task SetThresholdAsync(float threshold) => _edit = await Session.EditAsync(bot =>
    {
        bot.Knowledge ??= KnowledgeSettings.ForNewDocuments();
        bot.Knowledge.Threshold = Math.Clamp(threshold, 0, 1);
        return null;
    });

    // Each document is split once per version of it, not on every render (the paste box renders on each keystroke).
    private IReadOnlyList<KnowledgeChunk> Passages(KnowledgeSource source)
    {
        if (!_passages.TryGetValue(source.Name, out var known) || !ReferenceEquals(known.Content, source.Content))
        {
            _passages[source.Name] = known = (source.Content, MarkdownChunker.Chunk(source.Name, source.Content));
        }

        return known.Chunks;
    }

    private void OnSessionChanged() => InvokeAsync(StateHasChanged);

    public void Dispose() => Session.Changed -= OnSessionChanged;
}
