using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using Anchor = Blazor.Diagrams.Core.Anchors.Anchor;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Web.Features.Common;

namespace Studio.Web.Features.Flows;

/// <summary>
/// Edits one flow on a Z.Blazor.Diagrams canvas: nodes are diagram nodes with an input port on the left and
/// an output port on the right (a trigger has no input, an end no output); a link, drawn with an arrowhead, from a
/// node's output is its <c>next</c>, except from a branch node, whose
/// links are its branches, each labelled with its condition (a link drawn by hand from a branch node becomes an
/// "otherwise" branch). Saving writes the nodes, their positions and links back into the bot through the draft
/// session (validated, revision-checked). Every edit is a step that can be undone and redone; nodes can be copied and
/// pasted, laid out automatically, and the view zoomed to fit them, with a minimap in the corner.
/// </summary>
public sealed partial class FlowCanvas : IDisposable
{
    private readonly Dictionary<NodeModel, FlowNode> _nodes = [];
    private readonly Dictionary<BaseLinkModel, FlowBranch> _branchLinks = [];
    private readonly Dictionary<BaseLinkModel, NodeModel> _errorLinks = []; // an action's onError, drawn from its output in red
    private readonly Dictionary<NodeModel, string> _knownIds = []; // to follow a rename into the branches that lead there
    private BlazorDiagram _diagram = new();
    private string? _flowName;
    private string _newFlowName = "";
    private FlowNodeType _newNodeType = FlowNodeType.Say;
    private NodeModel? _selected;
    private EditResult? _result;
    private IReadOnlyList<string> _warnings = [];
    private readonly CanvasHistory _history = new();
    private FlowNode? _clipboard;

    [Inject] private DraftSession Session { get; set; } = default!;

    protected override void OnInitialized()
    {
        _flowName = Session.Bot?.Flows.FirstOrDefault()?.Name;
        Load();
    }

    private async Task SelectFlow(string name)
    {
        if (HasUnsavedChanges() && !await ConfirmLeavingAsync())
        {
            return;
        }

        _flowName = name;
        _result = null;
        Load();
    }

    private void NewFlow()
    {
        var name = _newFlowName.Trim();
        if (name.Length == 0 || Session.Bot?.Flows.Any(f => f.Name == name) == true)
        {
            _result = EditResult.Refused(name.Length == 0 ? "Name the new flow first." : $"There is already a flow '{name}'.");
            return;
        }

        _flowName = name;
        _newFlowName = "";
        _result = null;
        Load();
    }

    // What was last loaded or saved, to tell whether the canvas holds changes that leaving would drop.
    private string _savedSnapshot = "";

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private static string Snapshot(List<FlowNode> nodes) => System.Text.Json.JsonSerializer.Serialize(nodes);

    private bool HasUnsavedChanges() => _flowName is not null && CurrentSnapshot() != _savedSnapshot;

    private async Task OnBeforeInternalNavigation(LocationChangingContext context)
    {
        if (HasUnsavedChanges() && !await ConfirmLeavingAsync())
        {
            context.PreventNavigation();
        }
    }

    private async Task<bool> ConfirmLeavingAsync() =>
        await Dialogs.ShowMessageBoxAsync("Leave without saving?", $"The flow '{_flowName}' has changes that are not saved. Leaving drops them.",
            yesText: "Leave without saving", cancelText: "Stay") == true;

    private void Load()
    {
        var flow = Session.Bot?.Flows.FirstOrDefault(f => f.Name == _flowName);
        Draw(flow is null ? [] : CopyOf(flow));
        _warnings = flow is null ? [] : Warnings();
        _savedSnapshot = _flowName is null ? "" : CurrentSnapshot();
        _history.Reset(_savedSnapshot);
    }

    // Draws nodes on a fresh diagram; nodes without a position (a flow written in YAML) are laid out left to right.
    private void Draw(List<FlowNode> nodes)
    {
        Unsubscribe();
        _diagram = new BlazorDiagram(new Blazor.Diagrams.Options.BlazorDiagramOptions { AllowMultiSelection = false });
        _diagram.SelectionChanged += OnSelectionChanged;
        _diagram.Nodes.Removed += OnNodeRemoved;
        _diagram.Links.Removed += OnLinkRemoved;
        _diagram.PointerUp += OnPointerUp;
        _nodes.Clear();
        _branchLinks.Clear();
        _errorLinks.Clear();
        _knownIds.Clear();
        _selected = null;
        var arranged = nodes.Any(n => n.Position is null) ? FlowLayout.Arrange(nodes) : null;
        var ledTo = nodes.SelectMany(n => n.Targets()).ToHashSet(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var p = node.Position ?? arranged![node.Id];
            Add(node, new Point(p.X, p.Y), ledTo.Contains(node.Id));
        }

        foreach (var (model, node) in _nodes)
        {
            if (node.Type == FlowNodeType.Branch)
            {
                DrawBranches(model);
            }
            else if (node.Next is { } next)
            {
                Connect(model, next);
            }

            DrawOnError(model);
        }

    }

    private string CurrentSnapshot() => Snapshot(CopyOf(new Flow { Name = _flowName!, Nodes = CanvasNodes() }));

    // After every edit: the state it left is a step to undo to. False when nothing changed since the last step.
    private bool Checkpoint() => _flowName is not null && _history.Record(CurrentSnapshot());

    private void Undo()
    {
        Checkpoint(); // an edit no step recorded yet (the diagram's own Delete key) is undone first, not skipped
        Restore(_history.Undo());
    }

    private void Redo() => Restore(_history.Redo());

    private void Restore(string? state)
    {
        if (state is not null)
        {
            Draw(System.Text.Json.JsonSerializer.Deserialize<List<FlowNode>>(state) ?? []);
        }
    }

    // A node moved or a link drawn by hand ends with the pointer let go.
    private void OnPointerUp(Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e)
    {
        if (Checkpoint())
        {
            InvokeAsync(StateHasChanged); // Undo becomes available
        }
    }

    // A trigger is where the conversation starts and an end where it stops: no input, no output. A flow written in
    // YAML may still lead back to its trigger (start over) or on from an end; such a node keeps the port, so the
    // canvas shows the link and saving keeps it.
    private NodeModel Add(FlowNode node, Point position, bool ledTo = false)
    {
        var model = new NodeModel(position) { Title = Title(node) };
        if (node.Type != FlowNodeType.Trigger || ledTo)
        {
            model.AddPort(PortAlignment.Left);
        }

        if (node.Type != FlowNodeType.End || node.Next is not null)
        {
            model.AddPort(PortAlignment.Right);
        }

        _nodes[model] = node;
        _knownIds[model] = node.Id;
        _diagram.Nodes.Add(model);
        return model;
    }

    private void AddNode()
    {
        var prefix = _newNodeType.ToString().ToLowerInvariant();
        Place(new FlowNode { Id = FreeId(n => $"{prefix}{n}"), Type = _newNodeType });
    }

    // A new node goes into the first free cell of a grid over what the canvas shows now, so it is never off-screen
    // and covers no other node; when the view is full it goes below and the view moves to it.
    private void Place(FlowNode node)
    {
        var zoom = _diagram.Zoom <= 0 ? 1 : _diagram.Zoom;
        var width = (_diagram.Container?.Width ?? 800) / zoom;
        var height = (_diagram.Container?.Height ?? 460) / zoom;
        var left = (-_diagram.Pan.X / zoom) + FlowLayout.Left;
        var top = (-_diagram.Pan.Y / zoom) + FlowLayout.Top;
        var columns = Math.Max(1, (int)((width - FlowLayout.Left - NodeWidth) / FlowLayout.ColumnWidth) + 1);
        Point? free = null;
        for (var cell = 0; free is null; cell++)
        {
            var candidate = new Point(left + (FlowLayout.ColumnWidth * (cell % columns)), top + (FlowLayout.RowHeight * (cell / columns)));
            if (!_nodes.Keys.Any(n => Overlaps(n, candidate)))
            {
                free = candidate;
            }
        }

        var model = Add(node, free);
        if (free.Y + NodeHeight > top - FlowLayout.Top + height)
        {
            _diagram.SetPan((FlowLayout.Left - free.X) * zoom, (FlowLayout.Top - free.Y) * zoom);
        }

        _diagram.SelectModel(model, unselectOthers: true);
        Checkpoint();
    }

    // Roughly a node's size before the browser has measured it; a measured node uses its own.
    private const double NodeWidth = 200;
    private const double NodeHeight = 60;

    private static bool Overlaps(NodeModel node, Point at)
    {
        var w = node.Size?.Width ?? NodeWidth;
        var h = node.Size?.Height ?? NodeHeight;
        return at.X < node.Position.X + w + 20 && node.Position.X < at.X + NodeWidth + 20 && at.Y < node.Position.Y + h + 20 && node.Position.Y < at.Y + NodeHeight + 20;
    }

    // The first id of the series (1, 2, 3, …) that no node on the canvas has.
    private string FreeId(Func<int, string> idOf) =>
        Enumerable.Range(1, int.MaxValue).Select(idOf).First(id => !_nodes.Values.Any(n => n.Id == id));

    private void Copy()
    {
        if (_selected is { } model && _nodes.TryGetValue(model, out var node))
        {
            _clipboard = CopyOf(node);
        }
    }

    // A pasted node keeps what it says and does, under a new id; its links stay with the original.
    private void Paste()
    {
        if (_clipboard is null || _flowName is null)
        {
            return;
        }

        var copy = CopyOf(_clipboard); // the clipboard can be pasted again
        copy.Id = FreeId(n => $"{_clipboard.Id}_copy{(n == 1 ? "" : n)}");
        copy.Next = null;
        copy.OnError = null;
        copy.Branches = null;
        copy.Position = null;
        Place(copy);
    }

    private void AutoLayout()
    {
        var nodes = CanvasNodes();
        var widths = _nodes.Where(n => n.Key.Size is not null).GroupBy(n => n.Value.Id).ToDictionary(g => g.Key, g => g.Max(n => n.Key.Size!.Width));
        var arranged = FlowLayout.Arrange(nodes, id => widths.TryGetValue(id, out var width) ? width : null);
        foreach (var (model, node) in _nodes)
        {
            var p = arranged[node.Id];
            model.SetPosition(p.X, p.Y);
        }

        _diagram.SetPan(0, 0);
        _diagram.SetZoom(1);
        Checkpoint();
    }

    private void ZoomToFit() => _diagram.ZoomToFit(40);

    // The canvas's own shortcuts, as in every editor: copy, paste, undo and redo.
    private void OnKeyDown(Microsoft.AspNetCore.Components.Web.KeyboardEventArgs e)
    {
        if (!(e.CtrlKey || e.MetaKey) || !Session.CanEdit)
        {
            return;
        }

        switch (e.Key.ToLowerInvariant())
        {
            case "c": Copy(); break;
            case "v": Paste(); break;
            case "z" when e.ShiftKey: Redo(); break;
            case "z": Undo(); break;
            case "y": Redo(); break;
        }
    }

    private void DeleteNode()
    {
        if (_selected is { } model)
        {
            _diagram.Nodes.Remove(model); // its links go with it; OnNodeRemoved forgets it
            _selected = null;
            Checkpoint();
        }
    }

    // What "Next" may name: the nodes a link can reach (not a trigger without an input).
    private List<string> NextOptions(NodeModel from) =>
        [.. _nodes.Where(n => n.Key != from && n.Key.GetPort(PortAlignment.Left) is not null).Select(n => n.Value.Id)];

    private string? NextOf(NodeModel model) =>
        _diagram.Links.Where(l => Owner(l.Source) == model && !_errorLinks.ContainsKey(l)).Select(l => Owner(l.Target)).OfType<NodeModel>().Select(t => _nodes.GetValueOrDefault(t)?.Id).FirstOrDefault(id => id is not null);

    private void Connect(NodeModel model, string? targetId)
    {
        foreach (var old in _diagram.Links.Where(l => Owner(l.Source) == model && !_errorLinks.ContainsKey(l)).ToList())
        {
            _diagram.Links.Remove(old);
        }

        if (targetId is not null && Find(targetId) is { } target && Link(model, target) is { } link)
        {
            _diagram.Links.Add(link);
        }
    }

    private void ConnectAndRecord(NodeModel model, string? targetId)
    {
        Connect(model, targetId);
        Checkpoint();
    }

    // A branch node's links are its branches, in order, each labelled with the condition that takes it. Links drawn
    // by hand stay until the save makes them branches.
    private void DrawBranches(NodeModel model)
    {
        foreach (var link in _branchLinks.Keys.Where(l => Owner(l.Source) == model).ToList())
        {
            _branchLinks.Remove(link); // first, so OnLinkRemoved keeps the branch
            _diagram.Links.Remove(link);
        }

        foreach (var branch in _nodes[model].Branches ?? [])
        {
            if (Find(branch.Next) is { } target && Link(model, target) is { } link)
            {
                link.Labels.Add(new LinkLabelModel(link, BranchConditions.Describe(branch)));
                _branchLinks[link] = branch;
                _diagram.Links.Add(link);
            }
        }
    }

    // An action's onError is set in the side panel and shown as a red link labelled "on error"; deleting the link
    // (or the node it leads to) clears it.
    private void DrawOnError(NodeModel model)
    {
        foreach (var link in _errorLinks.Where(p => p.Value == model).Select(p => p.Key).ToList())
        {
            _errorLinks.Remove(link); // first, so OnLinkRemoved keeps the onError
            _diagram.Links.Remove(link);
        }

        if (_nodes.TryGetValue(model, out var node) && node is { Type: FlowNodeType.Action, OnError: { } onError } && Find(onError) is { } target
            && Link(model, target) is { } error)
        {
            error.Color = "#c62828";
            error.Labels.Add(new LinkLabelModel(error, "on error"));
            _errorLinks[error] = model;
            _diagram.Links.Add(error);
        }
    }

    // A link drawn by hand from a branch node is an "otherwise" (after an existing one it is never taken, and the
    // flow's warnings say so).
    private void ReadBranches(NodeModel model, FlowNode node)
    {
        node.Next = null;
        var converted = false;
        foreach (var link in _diagram.Links.Where(l => Owner(l.Source) == model).ToList())
        {
            if (Owner(link.Target) is not { } target || !_nodes.TryGetValue(target, out var targetNode))
            {
                continue;
            }

            if (!_branchLinks.ContainsKey(link))
            {
                (node.Branches ??= []).Add(new FlowBranch { On = "intent", Operator = "otherwise", Next = targetNode.Id });
                _diagram.Links.Remove(link);
                converted = true;
            }
        }

        if (converted)
        {
            DrawBranches(model); // the hand-drawn link is shown again at once, labelled, with the other branches
        }
    }

    // A node deleted by the button or the Delete key is gone from the flow; its links went first.
    private void OnNodeRemoved(NodeModel model)
    {
        _nodes.Remove(model);
        _knownIds.Remove(model);
        _selected = _selected == model ? null : _selected;
        InvokeAsync(StateHasChanged);
    }

    // Removing a branch's link (the Delete key, or deleting the node it leads to) removes the branch.
    private void OnLinkRemoved(BaseLinkModel link)
    {
        if (_errorLinks.Remove(link, out var failing))
        {
            if (_nodes.TryGetValue(failing, out var action))
            {
                action.OnError = null;
            }

            InvokeAsync(StateHasChanged);
            return;
        }

        if (!_branchLinks.Remove(link, out var branch))
        {
            return;
        }

        if (Owner(link.Source) is { } source && _nodes.TryGetValue(source, out var node))
        {
            node.Branches?.Remove(branch);
        }

        InvokeAsync(StateHasChanged);
    }

    private NodeModel? Find(string id) => _nodes.FirstOrDefault(n => n.Value.Id == id).Key;

    // From a node's output on the right to another's input on the left, with an arrowhead saying which way it goes;
    // none when one of the two has no such port (an end leads nowhere, nothing leads into a trigger).
    private static LinkModel? Link(NodeModel from, NodeModel to) =>
        from.GetPort(PortAlignment.Right) is { } output && to.GetPort(PortAlignment.Left) is { } input
            ? new LinkModel(output, input) { TargetMarker = LinkMarker.Arrow }
            : null;

    // The canvas edits its own nodes; the draft has others, so nothing unsaved reaches it.
    private static List<FlowNode> CopyOf(Flow flow) => Core.Documents.BotDocuments.Clone(new BotDefinition { Flows = [flow] }).Flows[0].Nodes;

    private static FlowNode CopyOf(FlowNode node) => CopyOf(new Flow { Name = "copy", Nodes = [node] })[0];

    private void Retitle(NodeModel model)
    {
        var node = _nodes[model];
        if (_knownIds.TryGetValue(model, out var before) && before != node.Id)
        {
            foreach (var branch in _nodes.Values.SelectMany(n => n.Branches ?? []).Where(b => b.Next == before))
            {
                branch.Next = node.Id; // a renamed node keeps the branches that lead to it
            }

            foreach (var failing in _nodes.Values.Where(n => n.OnError == before))
            {
                failing.OnError = node.Id; // and the actions that fail to it
            }

            _knownIds[model] = node.Id;
        }

        model.Title = Title(node);
        model.Refresh();
    }

    /// <summary>The flow as the canvas shows it now: positions, links and branches read back into the nodes.</summary>
    private List<FlowNode> CanvasNodes() => _nodes.Select(pair =>
        {
            var node = pair.Value;
            node.Position = new NodePosition { X = Math.Round(pair.Key.Position.X), Y = Math.Round(pair.Key.Position.Y) };
            if (node.Type == FlowNodeType.Branch)
            {
                ReadBranches(pair.Key, node);
            }
            else
            {
                node.Next = NextOf(pair.Key);
            }

            return node;
        }).ToList();

    private async Task SaveAsync()
    {
        var name = _flowName!;
        var saved = CopyOf(new Flow { Name = name, Nodes = CanvasNodes() });
        _result = await Session.EditAsync(bot =>
        {
            var existing = bot.Flows.FindIndex(f => f.Name == name);
            var flow = new Flow { Name = name, Description = existing >= 0 ? bot.Flows[existing].Description : null, Nodes = saved };
            if (existing >= 0)
            {
                bot.Flows[existing] = flow;
            }
            else
            {
                bot.Flows.Add(flow);
            }

            return null;
        });
        if (_result.Saved)
        {
            _savedSnapshot = Snapshot(saved);
        }

        _warnings = Warnings();
        foreach (var (model, node) in _nodes)
        {
            Retitle(model);
            if (node.Type == FlowNodeType.Branch)
            {
                DrawBranches(model); // hand-drawn links are branches now, labelled like the rest
            }
        }
    }

    private List<string> Warnings()
    {
        var bot = Session.Bot;
        var index = bot?.Flows.FindIndex(f => f.Name == _flowName) ?? -1;
        return index < 0 ? [] : [.. FlowValidator.Warnings(bot!).Where(p => p.Path.StartsWith($"/flows/{index}/", StringComparison.Ordinal)).Select(p => p.Message)];
    }

    // Nodes with a warning are marked on the canvas itself.
    private string Title(FlowNode node) =>
        (_warnings.Any(w => w.Contains($"'{node.Id}'", StringComparison.Ordinal)) ? "⚠ " : "") + $"{node.Type.ToString().ToLowerInvariant()}: {node.Id}"
        + (node.Intent is { } intent && node.Type == FlowNodeType.Trigger ? $" ({intent})"
            : node.Action is { } action && node.Type == FlowNodeType.Action ? $" ({action})"
            : node.Response is { } response ? $" ({response})" : "");

    private static NodeModel? Owner(Anchor anchor) => anchor.Model switch
    {
        PortModel port => port.Parent,
        NodeModel node => node,
        _ => null,
    };

    private void OnSelectionChanged(SelectableModel model)
    {
        if (model is NodeModel node)
        {
            _selected = node.Selected ? node : _selected == node ? null : _selected;
            InvokeAsync(StateHasChanged);
        }
    }

    private void Unsubscribe()
    {
        _diagram.SelectionChanged -= OnSelectionChanged;
        _diagram.Nodes.Removed -= OnNodeRemoved;
        _diagram.Links.Removed -= OnLinkRemoved;
        _diagram.PointerUp -= OnPointerUp;
    }

    public void Dispose() => Unsubscribe();
}
