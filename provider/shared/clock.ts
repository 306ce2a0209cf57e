/**
 * Time as the waiter and retry loops see it: injectable so tests run on a fake clock.
 * @module
 */

/** A source of time and of waiting. */
export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
    /**
     * Resolves after `ms` milliseconds, or as soon as `signal` is aborted (never rejects: the
     * caller looks at the signal to tell a stopped sleep from a finished one).
     */
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The wall clock. */
export const realClock: Clock = {
    now: () => Date.now(),
    sleep: (ms, signal) =>
        new Promise((resolve) => {
            if (signal?.aborted) return resolve();
            const done = () => {
                clearTimeout(timer);
                signal?.removeEventListener("abort", done);
                resolve();
            };
            const timer = setTimeout(done, Math.max(0, ms));
            signal?.addEventListener("abort", done, { once: true });
        }),
};

/** A random source in [0, 1): injectable so jitter is reproducible in tests. */
export type Random = () => number;

/**
 * A manual clock for tests: `sleep` advances time instantly, so a waiter that would take hours
 * runs in microseconds and every wake-up time can be asserted.
 */
export class FakeClock implements Clock {
    /** Every sleep requested, in ms, in order. */
    readonly sleeps: number[] = [];
    constructor(private t = 0) {}
    now(): number {
        return this.t;
    }
    /** A sleep under an aborted signal returns at once, without advancing time. */
    async sleep(ms: number, signal?: AbortSignal): Promise<void> {
        if (signal?.aborted) return;
        const d = Math.max(0, ms);
        this.sleeps.push(d);
        this.t += d;
    }
    /** Moves time forward without a sleep (e.g. the duration of a call). */
    advance(ms: number): void {
        this.t += ms;
    }
}
