/**
 * Process-wide knobs of every batch-job provider: the shared ones (clock, randomness, retry
 * delays, call deadlines: `shared/callContext.ts`) plus the job's own. One object for every kind
 * and resource; production code leaves it alone, tests and benchmarks swap values.
 * @module
 */
import { PollPolicy } from "../shared/waiter";
import { withKnobs } from "../shared/callContext";

export const runtime = withKnobs({
    /** Overrides of the waiter's poll policy. */
    pollPolicy: {} as Partial<PollPolicy>,
    /** Bounds of one wait for a free job slot (ServiceQuotaExceededException). */
    slotWaitMinMs: 500,
    slotWaitMaxMs: 5_000,
    /** Minimum interval between two progress lines of one job, unless the percentage jumped. */
    progressEveryMs: 30_000,
    /**
     * How long check/diff retry their calls (a new manifest, the preflight's IAM, KMS and S3 calls)
     * before calling a check unverifiable ("could not check").
     */
    verifyWindowSeconds: 20,
});
