/**
 * Process-wide knobs of every batch-job provider. Production code leaves them alone; tests and
 * benchmarks swap the clock, randomness, poll policy and delays (one object for every kind).
 * @module
 */
import { Clock, PollPolicy, Random, realClock } from "../shared";

export const runtime = {
    clock: realClock as Clock,
    random: Math.random as Random,
    /** Overrides of the waiter's poll policy. */
    pollPolicy: {} as Partial<PollPolicy>,
    /** Backoff of throttled / failed calls. */
    retryBaseDelayMs: 300,
    retryMaxDelayMs: 20_000,
    /** Bounds of one wait for a free job slot (ServiceQuotaExceededException). */
    slotWaitMinMs: 500,
    slotWaitMaxMs: 5_000,
    /** Minimum interval between two progress lines of one job, unless the percentage jumped. */
    progressEveryMs: 30_000,
    /** How long check/diff retry reading a new manifest before calling it unverifiable. */
    verifyWindowSeconds: 20,
};
