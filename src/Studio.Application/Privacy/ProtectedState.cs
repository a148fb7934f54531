using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Studio.Core.Conversations;
using Studio.Core.Privacy;

namespace Studio.Application.Privacy;

/// <summary>
/// A conversation's state as the distributed cache holds it (Redis, when scaled out): a sensitive slot's value is needed
/// by the rest of the flow, so it is kept, but encrypted with the installation's data-protection keys; the message that
/// answered it and every echo of it in the history are replaced by the slot's name.
/// </summary>
public sealed class ProtectedState(IDataProtectionProvider protection)
{
    private const string Marker = "protected:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _protector = protection.CreateProtector("Studio.ConversationState.SensitiveSlots");

    public byte[] Write(ConversationState state, SensitiveTurn sensitive, string message, IReadOnlyCollection<string> sensitiveSlots)
    {
        if (sensitive.AnsweredSlot is { } answered && state.History.FindLastIndex(l => l.Speaker == "user" && l.Text == message) is var at and >= 0)
        {
            state.History[at] = state.History[at] with { Text = $"[{answered}]" };
        }

        if (sensitive.Values.Count > 0)
        {
            for (var i = 0; i < state.History.Count; i++)
            {
                state.History[i] = state.History[i] with { Text = sensitive.WithoutValues(state.History[i].Text) };
            }
        }

        var node = JsonSerializer.SerializeToNode(state, Json)!.AsObject();
        if (sensitiveSlots.Count > 0 && node["slots"] is JsonObject slots)
        {
            foreach (var name in sensitiveSlots)
            {
                if (slots[name]?.GetValue<string>() is { } value && !value.StartsWith(Marker, StringComparison.Ordinal))
                {
                    slots[name] = Marker + _protector.Protect(value);
                }
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(node, Json);
    }

    public ConversationState Read(byte[]? stored)
    {
        var state = stored is null ? new ConversationState() : JsonSerializer.Deserialize<ConversationState>(stored, Json) ?? new ConversationState();
        foreach (var (name, value) in state.Slots.Where(s => s.Value.StartsWith(Marker, StringComparison.Ordinal)).ToList())
        {
            try
            {
                state.Slots[name] = _protector.Unprotect(value[Marker.Length..]);
            }
            catch (CryptographicException)
            {
                state.Slots.Remove(name); // a key ring that lost the key: asking again beats answering with a wrong value
            }
        }

        return state;
    }
}
