/**
 * The engine's Cancel for the native plugin: every wait of every operation stops.
 *
 * Each operation's waits (job polls, slot waits, retry backoff) sleep on `runtime.clock`
 * (`shared/callContext.ts`), captured when the operation's context is made. The plugin installs
 * a clock whose sleeps also end when the engine cancels: a sleep in progress or started later
 * rejects at once, so the waiting operation fails promptly with that message. A job already
 * started keeps running in Voice ID; its derived ClientToken makes the next `pulumi up` adopt it,
 * as after a kill.
 *
 * One small module on purpose: the dynamic host is getting a process-wide stop signal in
 * `shared/` (another change); once it lands this should feed it instead of wrapping the clock.
 * @module
 */
import type { Clock } from "../shared/clock";

/** Thrown by every sleep once cancelled. */
export class CancelledError extends Error {
    constructor() {
        super("cancelled: the Pulumi engine asked the provider to stop (the operation was interrupted; the next `pulumi up` resumes it)");
        this.name = "CancelledError";
    }
}

/** A cancel switch over a clock. */
export class Cancellation {
    private readonly controller = new AbortController();

    /** True once {@link cancel} ran. */
    get cancelled(): boolean {
        return this.controller.signal.aborted;
    }

    /** Ends every sleep now and later. */
    cancel(): void {
        this.controller.abort();
    }

    /** `base` with sleeps that end on {@link cancel}. */
    clock(base: Clock): Clock {
        const signal = this.controller.signal;
        return {
            now: () => base.now(),
            sleep: (ms) => {
                if (signal.aborted) return Promise.reject(new CancelledError());
                return new Promise<void>((resolve, reject) => {
                    const onAbort = () => reject(new CancelledError());
                    signal.addEventListener("abort", onAbort, { once: true });
                    base.sleep(ms).then(() => {
                        signal.removeEventListener("abort", onAbort);
                        resolve();
                    }, reject);
                });
            },
        };
    }
}
