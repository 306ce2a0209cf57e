/**
 * Retries with exponential backoff and jitter, bounded by a deadline rather than an attempt
 * count: a provider waiting on a long job should ride out a burst of throttling or a restart of
 * the service as long as its overall timeout allows.
 * @module
 */
import { Clock, Random, realClock } from "./clock";
import { errorSummary, isRetryable } from "./errors";
import { WaitStopped, stopCauseOf } from "./stop";

/** Knobs of {@link withRetry}. */
export interface RetryOptions {
    /** Time source (tests inject a fake one). */
    clock?: Clock;
    /** Random source for jitter. */
    random?: Random;
    /** Absolute time (ms) after which no further attempt starts; the last error is thrown. */
    deadline?: number;
    /** Most attempts in total (default: unlimited until the deadline). */
    maxAttempts?: number;
    /** First backoff, in ms (default 300). */
    baseDelayMs?: number;
    /** Longest backoff, in ms (default 20 000). */
    maxDelayMs?: number;
    /** Which errors to retry (default: throttling, 5xx, network). */
    retryable?: (err: unknown) => boolean;
    /** Called before each backoff sleep (for log lines). */
    onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
    /**
     * Ends a backoff early: {@link WaitStopped} is thrown instead of trying again (an attempt in
     * flight still completes; only the waiting between attempts is cut short).
     */
    signal?: AbortSignal;
}

/**
 * Backoff before retry number `attempt` (1-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so many clients retrying together spread out but none retries instantly.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: Random = Math.random): number {
    const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return exp / 2 + random() * (exp / 2);
}

/** Runs `fn` until it succeeds, a non-retryable error occurs, attempts run out or the deadline passes. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
    const clock = opts.clock ?? realClock;
    const random = opts.random ?? Math.random;
    const retryable = opts.retryable ?? isRetryable;
    const maxAttempts = opts.maxAttempts ?? Infinity;
    for (let attempt = 1; ; attempt++) {
        try {
            return await fn(attempt);
        } catch (err) {
            if (!retryable(err) || attempt >= maxAttempts) throw err;
            let delay = backoffDelay(attempt, opts.baseDelayMs ?? 300, opts.maxDelayMs ?? 20_000, random);
            if (opts.deadline !== undefined) {
                const left = opts.deadline - clock.now();
                if (left <= 0) throw err;
                delay = Math.min(delay, left);
            }
            if (!opts.signal?.aborted) {
                opts.onRetry?.(err, attempt, delay);
                await clock.sleep(delay, opts.signal);
            }
            const cause = stopCauseOf(opts.signal);
            if (cause) throw new WaitStopped(cause, err);
        }
    }
}

/**
 * An `onRetry` that logs one line per burst of retries, not one per attempt: the first retry,
 * then at most one line every `everyMs` while the failures go on.
 */
export function logRetries(
    log: { info(message: string): void },
    clock: Clock,
    everyMs = 30_000,
): NonNullable<RetryOptions["onRetry"]> {
    let lastLog = -Infinity;
    return (err, attempt) => {
        const now = clock.now();
        if (attempt === 1 || now - lastLog > everyMs) {
            log.info(`retrying after ${errorSummary(err)}`);
            lastLog = now;
        }
    };
}
