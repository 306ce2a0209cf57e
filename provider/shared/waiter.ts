/**
 * An adaptive waiter for long-running jobs that report a percentage of completion.
 *
 * A fixed poller trades detection lag against calls: every 15 s means up to 15 s of lag. This one
 * predicts the end instead: from the progress seen so far it brackets when the job will finish.
 * While the earliest possible end is more than 30 s away it sleeps 85% of the way there and looks
 * again (the bracket narrows with every reading). Close to the end it polls just late enough to
 * catch an end at the bracket's early side within the lag tolerance, max(1 s, 2% of the time
 * since the start), and a job at 100% (or past its predicted end) is polled every 0.9 x that
 * tolerance: a wrong prediction costs calls but never a late notice. With no progress information
 * (queued jobs) the first poll comes after 3 s and the sleeps grow by half each poll up to 15 s.
 * Every sleep lies between 0.5 s and 2 min; sleeps over 5 s are shortened by up to 5% of jitter.
 * All of these are {@link DEFAULT_POLL_POLICY} values that a {@link PollPolicy} overrides.
 *
 * A stop (`signal`, see `stop.ts`) ends the wait at once with outcome `stopped`, whether it comes
 * during a sleep or during a poll's retries.
 *
 * Pure apart from `describe`: time and randomness are injected, so tests run it on a fake clock.
 * Style after `@smithy/util-waiter`: explicit result states, jitter, a deadline.
 * @module
 */
import { Clock, Random, realClock } from "./clock";
import { StopCause, stopCauseOf } from "./stop";

/** What the waiter needs to know about a job at one poll. */
export interface ProgressSnapshot {
    /** Service status string. */
    status: string;
    /** 0-100, when the service reports it. */
    percentComplete?: number;
}

/** Tuning of the poll schedule; the defaults keep a 6-hour wait to a few hundred calls, under the service quotas. */
export interface PollPolicy {
    /** First poll after the start when nothing else is known (ms). */
    firstDelayMs: number;
    /** Shortest sleep between polls (ms). */
    minDelayMs: number;
    /** Longest sleep between polls once progress is known (ms). */
    maxDelayMs: number;
    /** Longest sleep between polls while the job shows no progress (queued) (ms). */
    maxIdleDelayMs: number;
    /** Lag tolerated after the job's end: max(minLagMs, lagFraction x elapsed). */
    minLagMs: number;
    /** See minLagMs. */
    lagFraction: number;
    /** Predicted remaining time above which the waiter polls once more on the way (ms). */
    refineAboveMs: number;
    /** Fraction of the predicted remaining time slept before that refining poll. */
    refineFraction: number;
    /** Largest fraction removed from long sleeps as jitter (0.05 = up to 5% earlier). */
    jitter: number;
}

/** Defaults: see {@link PollPolicy}. */
export const DEFAULT_POLL_POLICY: PollPolicy = {
    firstDelayMs: 3_000,
    minDelayMs: 500,
    maxDelayMs: 120_000,
    maxIdleDelayMs: 15_000,
    minLagMs: 1_000,
    lagFraction: 0.02,
    refineAboveMs: 30_000,
    refineFraction: 0.85,
    jitter: 0.05,
};

/** One observation of the job's progress. */
export interface Observation {
    /** Local time of the poll (ms). */
    at: number;
    /** Status seen. */
    status: string;
    /** Percent seen (undefined when not reported). */
    percent?: number;
}

/** The lag the waiter allows itself after a job of `elapsedMs` ends. */
export function lagTolerance(elapsedMs: number, policy: PollPolicy = DEFAULT_POLL_POLICY): number {
    return Math.max(policy.minLagMs, policy.lagFraction * elapsedMs);
}

/**
 * Bounds on when the job ends, from the progress seen so far.
 *
 * Progress may advance in steps (one per request of the batch), so a reading of p% at time t only
 * says the true progress lies in [p, p + g) where g is the step size. With a constant rate r from
 * `start`, every observation bounds r: p <= r (t - start) < p + g. Intersecting those bounds over
 * all observations brackets r, hence the end time 100 / r. The step g is estimated as the
 * greatest common divisor of the (integer) percentages seen: 1 for smooth progress, 10 for a
 * 10-request batch. Returns undefined while no progress has been seen.
 */
export function endBracket(start: number, history: readonly Observation[]): { lo: number; hi: number } | undefined {
    const prog = history.filter((o) => o.status === "IN_PROGRESS" && o.at > start && o.percent !== undefined);
    const positive = prog.map((o) => Math.round(o.percent!)).filter((p) => p > 0 && p < 100);
    if (!positive.length) return undefined;
    const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
    const g = Math.max(1, positive.reduce(gcd));
    let rLo = 0;
    let rHi = Infinity;
    for (const o of prog) {
        const dt = o.at - start;
        rLo = Math.max(rLo, Math.round(o.percent!) / dt);
        rHi = Math.min(rHi, (Math.round(o.percent!) + g) / dt);
    }
    if (!(rLo < rHi)) {
        // Inconsistent (the rate changed, or g was misjudged): trust the latest reading alone.
        const last = prog[prog.length - 1];
        const dt = last.at - start;
        rLo = Math.round(last.percent!) / dt;
        rHi = (Math.round(last.percent!) + g) / dt;
    }
    const lastAt = history[history.length - 1].at;
    return { lo: Math.max(lastAt, start + 100 / rHi), hi: rLo > 0 ? Math.max(lastAt, start + 100 / rLo) : Infinity };
}

/**
 * Milliseconds to sleep before the next poll. `anchor` is when the job started (local clock),
 * `history` every poll so far (oldest first), `now` the current time. Returns the sleep before
 * jitter; pure.
 */
export function nextPollDelay(
    anchor: number,
    history: readonly Observation[],
    now: number,
    policy: PollPolicy = DEFAULT_POLL_POLICY,
): number {
    const clamp = (ms: number, max = policy.maxDelayMs) => Math.min(max, Math.max(policy.minDelayMs, ms));
    if (!history.length) return clamp(policy.firstDelayMs);
    // A job that was still queued had not started progressing: measure progress from the last
    // time it was seen queued.
    let start = anchor;
    for (const o of history) if (o.status === "SUBMITTED") start = Math.max(start, o.at);
    const last = history[history.length - 1];
    const tol = lagTolerance(now - anchor, policy);
    if ((last.percent ?? 0) >= 100) return clamp(0.9 * tol);
    const bracket = endBracket(start, history);
    if (!bracket) {
        // Nothing to extrapolate from yet: back off gently.
        return clamp(policy.firstDelayMs * 1.5 ** Math.max(0, history.length - 1), policy.maxIdleDelayMs);
    }
    // Far from the earliest possible end: sleep most of the way and look again (the bracket
    // narrows as progress accumulates).
    if (bracket.lo - now > policy.refineAboveMs) return clamp((bracket.lo - now) * policy.refineFraction);
    // Close: poll as late as still catches an end at the bracket's low side within the
    // tolerance, and no later than just past its high side.
    const target = Math.min(bracket.hi + 0.05 * tol, bracket.lo + 0.9 * tol);
    return clamp(target - now);
}

/** How a wait ended. */
export type WaitOutcome<T> =
    | { state: "done"; job: T; polls: number }
    | { state: "timeout"; job: T | undefined; polls: number }
    | { state: "stopped"; job: T | undefined; polls: number; cause: StopCause };

/** Arguments of {@link waitForTerminal}. */
export interface WaitOptions<T extends ProgressSnapshot> {
    /** One Describe call (with its own retries). */
    describe: () => Promise<T>;
    /** Whether a status is final. */
    isTerminal: (status: string) => boolean;
    /** When the job started, local clock (ms). */
    anchor: number;
    /** Give up (outcome `timeout`) when the next poll would start after this time (ms). */
    deadline: number;
    /** The last known state (from the start call), if any; a terminal one returns at once. */
    initial?: T;
    /** Called after every poll. */
    onPoll?: (job: T, elapsedMs: number) => void;
    clock?: Clock;
    random?: Random;
    policy?: Partial<PollPolicy>;
    /** Stops the wait (outcome `stopped`): a cancellation, or the engine gone. */
    signal?: AbortSignal;
}

/** Polls until the job is terminal or the deadline passes. */
export async function waitForTerminal<T extends ProgressSnapshot>(opts: WaitOptions<T>): Promise<WaitOutcome<T>> {
    const clock = opts.clock ?? realClock;
    const random = opts.random ?? Math.random;
    const policy = { ...DEFAULT_POLL_POLICY, ...opts.policy };
    const history: Observation[] = [];
    let job = opts.initial;
    if (job && opts.isTerminal(job.status)) return { state: "done", job, polls: 0 };
    let polls = 0;
    const stopped = () => {
        const cause = stopCauseOf(opts.signal);
        return cause && ({ state: "stopped", job, polls, cause } as const);
    };
    for (;;) {
        const now = clock.now();
        let delay = nextPollDelay(opts.anchor, history, now, policy);
        // Jitter only shortens long sleeps: an early poll costs a call, a late one costs lag.
        if (delay > 5_000) delay -= delay * policy.jitter * random();
        if (now + delay > opts.deadline) {
            const left = opts.deadline - now;
            if (left <= 0) return { state: "timeout", job, polls };
            delay = left;
        }
        await clock.sleep(delay, opts.signal);
        const before = stopped();
        if (before) return before;
        try {
            job = await opts.describe();
        } catch (err) {
            // A stop cuts the poll's retries short (they throw): the wait was stopped, not failed.
            const during = stopped();
            if (during) return during;
            throw err;
        }
        polls++;
        const at = clock.now();
        history.push({ at, status: job.status, percent: job.percentComplete });
        opts.onPoll?.(job, at - opts.anchor);
        if (opts.isTerminal(job.status)) return { state: "done", job, polls };
        if (at >= opts.deadline) return { state: "timeout", job, polls };
    }
}
