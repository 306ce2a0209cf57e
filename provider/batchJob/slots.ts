/**
 * Starting a job when the domain is at its concurrent-job quota: on ServiceQuotaExceededException
 * the start waits for a free slot, timed from the running jobs' progress, so a slot is taken soon
 * after it frees without polling the API hard.
 * @module
 */
import { classifyError, errorSummary } from "../shared/errors";
import { backoffDelay } from "../shared/retry";
import { stopCauseOf } from "../shared/stop";
import type { JobView } from "./api";
import type { Inputs, JobContext } from "./context";
import { runtime } from "./runtime";

/**
 * Starts the job (or, for a token the service knows, finds it), waiting for a free job slot on
 * ServiceQuotaExceededException. The wait targets the predicted end of the running job closest
 * to finishing (from its progress).
 */
export async function startWithSlotWait(ctx: JobContext, inputs: Inputs, token: string): Promise<JobView> {
    const TYPE = ctx.kind.type;
    let waits = 0;
    let lastLog = -Infinity;
    for (;;) {
        try {
            return await ctx.api.start(inputs, token);
        } catch (err) {
            const errorKind = classifyError(err);
            if (
                errorKind === "conflict" &&
                (err as { name?: string }).name === "ConflictException" &&
                /token/i.test(String((err as Error).message))
            ) {
                throw ctx.error(
                    `${TYPE}: ClientToken ${token} was already used for a different request: ${errorSummary(err)}`,
                );
            }
            if (errorKind !== "quota") throw ctx.error(`${TYPE}: cannot start the job: ${errorSummary(err)}`);
            waits++;
            const now = ctx.clock.now();
            const delay = await slotWaitDelay(ctx, inputs.domainId, waits);
            if (now + delay > ctx.deadline) {
                throw ctx.error(
                    `${TYPE}: no free job slot in domain ${inputs.domainId} within timeoutSeconds (${errorSummary(err)}); no job was started`,
                );
            }
            if (now - lastLog > 30_000) {
                ctx.log.info(`domain ${inputs.domainId} is at its concurrent job quota; waiting for a free slot`);
                lastLog = now;
            }
            await ctx.clock.sleep(delay, ctx.signal);
            const stopped = stopCauseOf(ctx.signal);
            if (stopped)
                throw ctx.error(
                    `${TYPE}: stopped waiting for a free job slot in domain ${inputs.domainId} (${stopped.detail}); no job was started`,
                );
        }
    }
}

/** How long to wait before trying to take a job slot again. */
async function slotWaitDelay(ctx: JobContext, domainId: string, waits: number): Promise<number> {
    const min = runtime.slotWaitMinMs;
    const max = runtime.slotWaitMaxMs;
    const spread = () => runtime.random() * min * 0.5;
    try {
        const now = ctx.clock.now();
        let soonest = Infinity;
        for (const j of await ctx.api.activeJobs(domainId)) {
            const p = j.percentComplete ?? 0;
            if (j.status !== "IN_PROGRESS" || p <= 0 || !j.createdAt) continue;
            const elapsed = Math.max(1, now - j.createdAt.getTime());
            soonest = Math.min(soonest, (elapsed * (100 - p)) / p);
        }
        if (soonest < Infinity) return Math.min(max, Math.max(min, soonest + 100)) + spread();
    } catch (err) {
        if (classifyError(err) !== "denied") throw err;
        // Not allowed to list jobs: fall back to plain backoff.
    }
    return backoffDelay(waits, min * 2, max, runtime.random);
}
