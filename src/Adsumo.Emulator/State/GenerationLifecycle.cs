using System;
using Adsumo.Emulator.Webhooks;

namespace Adsumo.Emulator.State;

/// <summary>
/// The one place a generation finishes, whoever notices first: a read at or after its deadline, the scheduler's
/// timer, or the control API. Exactly one of them wins and sends the webhook.
/// </summary>
internal sealed class GenerationLifecycle(WebhookSender webhooks)
{
    public void SettleIfDue(Generation generation, DateTimeOffset now)
    {
        if (generation.IsDue(now)) Finish(generation, generation.DueOutcome());
    }

    public bool Finish(Generation generation, GenerationOutcome outcome)
    {
        if (!generation.TryFinish(outcome)) return false;
        webhooks.Notify(generation, outcome);
        return true;
    }
}
