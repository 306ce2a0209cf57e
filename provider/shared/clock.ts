/**
 * Time as the waiter and retry loops see it: injectable so tests run on a fake clock.
 * @module
 */

/** A source of time and of waiting. */
export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
    /** Resolves after `ms` milliseconds. */
    sleep(ms: number): Promise<void>;
}

/** The wall clock. */
export const realClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
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
    async sleep(ms: number): Promise<void> {
        const d = Math.max(0, ms);
        this.sleeps.push(d);
        this.t += d;
    }
    /** Moves time forward without a sleep (e.g. the duration of a call). */
    advance(ms: number): void {
        this.t += ms;
    }
}
