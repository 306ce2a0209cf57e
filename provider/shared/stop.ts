/**
 * Stopping waits. A provider operation may wait for hours (a batch job, a free job slot, a retry
 * backoff through an outage). Two events must end every such wait at once: the engine asks the
 * provider to cancel (one Ctrl-C or SIGTERM of `pulumi up` sends its Cancel RPC), and the engine
 * is gone (killed). Whoever hosts the provider modules observes them (`dynamicHost.ts`,
 * `engineWatch.ts`, a native plugin's own Cancel handler) and calls {@link stopWaits}; every
 * operation's context captures {@link stopSignal} and hands it to its sleeps. What a stopped wait
 * leaves behind is the operation's business: a started job is recorded with its id, so the next
 * `pulumi up` resumes it.
 *
 * One signal per process and sticky: the engine cancels a deployment, not one call, and starts a
 * new provider process for the next one.
 *
 * Provider-side only: no `@pulumi/pulumi` import.
 * @module
 */

/** Why waits were stopped. */
export interface StopCause {
    kind: "cancelled" | "engineGone";
    /** For messages: what happened, e.g. "the engine asked to cancel the update". */
    detail: string;
}

let controller = new AbortController();
let hint: string | undefined;

/** The signal every wait of this process honours (capture it per operation). */
export function stopSignal(): AbortSignal {
    return controller.signal;
}

/** Stops every wait that holds the current signal; later calls keep the first cause. */
export function stopWaits(cause: StopCause): void {
    if (!controller.signal.aborted) controller.abort(cause);
}

/** The cause `signal` was stopped with, if it was. */
export function stopCauseOf(signal: AbortSignal | undefined): StopCause | undefined {
    return signal?.aborted ? (signal.reason as StopCause) : undefined;
}

/**
 * How a user stops a wait in this process, for the first line of a wait; set by the host that
 * armed the stop (undefined: the host says nothing, e.g. in unit tests).
 */
export function howToStop(): string | undefined {
    return hint;
}

/** Declares {@link howToStop} (called by the host code that observes cancellations). */
export function setHowToStop(text: string | undefined): void {
    hint = text;
}

/** Tests only: a fresh, unstopped signal and no hint. */
export function resetStop(): void {
    controller = new AbortController();
    hint = undefined;
}

/** A retry backoff (or another sleep between attempts) cut short by {@link stopWaits}. */
export class WaitStopped extends Error {
    constructor(
        readonly stopCause: StopCause,
        /** The error the interrupted retries were riding out, if any. */
        readonly lastError?: unknown,
    ) {
        super(`stopped waiting: ${stopCause.detail}`);
        this.name = "WaitStopped";
    }
}
