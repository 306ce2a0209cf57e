/**
 * Simulates the adaptive waiter against synthetic jobs on a fake clock, and the fixed 15 s poller
 * it is compared with. Shared by the waiter unit test and the benchmark.
 * @module
 */
import { FakeClock } from "../../../provider/shared/clock";
import { PollPolicy, waitForTerminal } from "../../../provider/shared/waiter";

/** A job lasting `durationMs` whose percentage advances continuously or in `steps` steps. */
export interface SimJob {
    durationMs: number;
    /** 0 = continuous progress; n = n equal steps (one per request). */
    steps: number;
    /** Time queued (SUBMITTED) before progress starts. */
    queuedMs?: number;
}

export function statusAt(job: SimJob, t: number): { status: string; percentComplete: number } {
    const q = job.queuedMs ?? 0;
    if (t < q) return { status: "SUBMITTED", percentComplete: 0 };
    const run = t - q;
    if (run >= job.durationMs) return { status: "COMPLETED", percentComplete: 100 };
    const f = run / job.durationMs;
    const p = job.steps ? Math.floor(f * job.steps) * (100 / job.steps) : f * 100;
    return { status: "IN_PROGRESS", percentComplete: Math.floor(p) };
}

export interface SimResult {
    describeCalls: number;
    lagMs: number;
    toleranceMs: number;
}

/** Runs the adaptive waiter; the job starts at t=0, the waiter at t=0 (the Start response). */
export async function simulateAdaptive(job: SimJob, seed = 1, policy?: Partial<PollPolicy>): Promise<SimResult> {
    const clock = new FakeClock(0);
    let s = seed;
    const random = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const end = (job.queuedMs ?? 0) + job.durationMs;
    let calls = 0;
    const out = await waitForTerminal({
        describe: async () => {
            calls++;
            return statusAt(job, clock.now());
        },
        isTerminal: (st) => st === "COMPLETED",
        anchor: 0,
        deadline: 24 * 3600_000,
        initial: statusAt(job, 0),
        clock,
        random,
        policy,
    });
    if (out.state !== "done") throw new Error("simulated job did not finish");
    return { describeCalls: calls, lagMs: clock.now() - end, toleranceMs: Math.max(1000, 0.02 * end) };
}

/**
 * The reference: describe right after the start, then every 15 s until terminal (the loop a
 * smithy-style waiter with a fixed 15 s delay runs).
 */
export function simulateFixed(job: SimJob, intervalMs = 15_000): SimResult {
    const end = (job.queuedMs ?? 0) + job.durationMs;
    let calls = 0;
    let t = 0;
    for (;;) {
        calls++;
        if (t >= end) break;
        t += intervalMs;
    }
    return { describeCalls: calls, lagMs: t - end, toleranceMs: Math.max(1000, 0.02 * end) };
}
