using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Studio.Core.Bots;
using Studio.Web.Features.Common;

namespace Studio.Web.Features.Intents;

/// <summary>Edits one intent: rename, describe, delete, and add, paste, edit or remove its examples.</summary>
public sealed partial class IntentDetail
{
    private string _name = "";
    private string? _description;
    private string _newExample = "";
    private string _pasted = "";
    private string? _notice;
    private int? _editing;
    private int? _marking;
    private string _editText = "";
    private bool _confirmDelete;

    [Parameter, EditorRequired] public Intent Intent { get; set; } = default!;

    [Parameter] public string Filter { get; set; } = "";

    /// <summary>The bot's entities, which the examples' words can be marked as.</summary>
    [Parameter] public IReadOnlyList<EntityDefinition> Entities { get; set; } = [];

    /// <summary>Applies a change to the bot and saves it (see <see cref="DraftSession.EditAsync"/>).</summary>
    [Parameter, EditorRequired] public Func<Func<BotDefinition, string?>, Task<EditResult>> Edit { get; set; } = default!;

    [Parameter] public EventCallback<string> Renamed { get; set; }

    [Parameter] public EventCallback Deleted { get; set; }

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private DraftSession Session { get; set; } = default!;

    private Intent? _shown;

    // Refill the fields only when the intent itself changed (a save makes a new one), not on every parent
    // render, which would wipe what the designer is typing.
    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_shown, Intent))
        {
            _shown = Intent;
            _name = Intent.Name;
            _description = Intent.Description;
            _thresholdPercent = Intent.Threshold * 100;
        }
    }

    private Task<EditResult> EditIntentAsync(Func<Intent, BotDefinition, string?> change)
    {
        var name = Intent.Name;
        return Edit(bot => bot.Intents.FirstOrDefault(i => i.Name == name) is { } intent
            ? change(intent, bot)
            : $"The intent '{name}' no longer exists.");
    }

    private async Task RenameAsync()
    {
        var newName = _name.Trim();
        var oldName = Intent.Name;
        var result = await EditIntentAsync((intent, bot) =>
        {
            intent.Name = newName;
            IntentReferences.Rename(bot, oldName, newName);
            return null;
        });
        if (result.Saved)
        {
            await Renamed.InvokeAsync(newName);
        }
    }

    private Task<EditResult> SaveDescriptionAsync() => EditIntentAsync((intent, _) =>
    {
        intent.Description = string.IsNullOrWhiteSpace(_description) ? null : _description.Trim();
        return null;
    });

    private double? _thresholdPercent;

    private Task<EditResult> SaveThresholdAsync() => EditIntentAsync((intent, _) =>
    {
        if (_thresholdPercent is < 0 or > 100)
        {
            return "A threshold is between 0 and 100 %.";
        }

        intent.Threshold = _thresholdPercent is { } percent ? Math.Round(percent / 100, 4) : null;
        return null;
    });

    private async Task DeleteAsync()
    {
        var name = Intent.Name;
        var result = await Edit(bot => bot.Intents.RemoveAll(i => i.Name == name) > 0 ? null : $"The intent '{name}' no longer exists.");
        if (result.Saved)
        {
            await Deleted.InvokeAsync();
        }
    }

    private async Task OnNewExampleKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await AddExampleAsync();
        }
    }

    private async Task AddExampleAsync()
    {
        var text = _newExample.Trim();
        var result = await EditIntentAsync((intent, _) =>
        {
            if (text.Length == 0)
            {
                return "Type the example first; an empty example teaches nothing.";
            }

            intent.Examples.Add(text);
            return null;
        });
        if (result.Saved)
        {
            _newExample = "";
            _notice = null;
        }
    }

    private async Task AddPastedAsync()
    {
        var lines = _pasted.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var added = 0;
        var skipped = 0;
        var result = await EditIntentAsync((intent, _) =>
        {
            if (lines.Count == 0)
            {
                return "Paste at least one example, one per line.";
            }

            var known = new HashSet<string>(intent.Examples, StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines)
            {
                if (known.Add(line))
                {
                    intent.Examples.Add(line);
                    added++;
                }
                else
                {
                    skipped++;
                }
            }

            return null;
        });
        if (result.Saved)
        {
            _pasted = "";
            _notice = skipped == 0 ? $"Added {added} examples." : $"Added {added} examples; {skipped} were already there.";
        }
    }

    private void StartEdit(int index)
    {
        _editing = index;
        _editText = Intent.Examples[index];
    }

    private async Task OnEditKeyAsync(KeyboardEventArgs e, int index)
    {
        if (e.Key == "Enter")
        {
            await SaveExampleAsync(index);
        }
        else if (e.Key == "Escape")
        {
            _editing = null;
        }
    }

    private async Task SaveExampleAsync(int index)
    {
        if ((await ReplaceExampleAsync(index, Intent.Examples[index], _editText.Trim())).Saved)
        {
            _editing = null;
        }
    }

    /// <summary>Replaces the example at <paramref name="index"/>, if it is still <paramref name="original"/>: an edit, or its marks changed.</summary>
    private Task<EditResult> ReplaceExampleAsync(int index, string original, string replacement) => EditIntentAsync((intent, _) =>
    {
        if (replacement.Length == 0)
        {
            return "An example cannot be empty; remove it instead.";
        }

        if (!ExampleStillAt(intent, index, original))
        {
            return StaleExample;
        }

        intent.Examples[index] = replacement;
        return null;
    });

    // Removing an example is one click and offers Undo, rather than a question each time examples are pruned.
    private async Task<EditResult> RemoveExampleAsync(int index)
    {
        var original = Intent.Examples[index];
        var result = await EditIntentAsync((intent, _) =>
        {
            if (!ExampleStillAt(intent, index, original))
            {
                return StaleExample;
            }

            intent.Examples.RemoveAt(index);
            return null;
        });
        if (result.Saved)
        {
            _marking = null; // the marker was for an example whose place may now be another's
            Snackbar.Add($"Removed the example \u201c{original}\u201d.", Severity.Info, config =>
            {
                config.Action = "Undo";
                config.ActionColor = Color.Primary;
                config.OnClick = _ => InvokeAsync(() => RestoreExampleAsync(index, original));
            });
        }

        return result;
    }

    private Task<EditResult> RestoreExampleAsync(int index, string example) => EditIntentAsync((intent, _) =>
    {
        if (!intent.Examples.Contains(example))
        {
            intent.Examples.Insert(Math.Min(index, intent.Examples.Count), example);
        }

        return null;
    });

    private const string StaleExample = "That example has moved since the page was drawn; nothing was changed.";

    private static bool ExampleStillAt(Intent intent, int index, string text) => index < intent.Examples.Count && intent.Examples[index] == text;
}
