/**
 * Destroying a batch job. Voice ID cannot delete jobs: by default the job is forgotten. With the
 * kind's delete option, what the job newly created (from its output file), plus what earlier jobs
 * handed over to it, is deleted, except what a later job claims (`claims.ts`): that is kept and
 * handed over to the claiming job. A replacement deletes the old job only after the new one
 * succeeded, so the new job's claims are known by then.
 * @module
 */
import { withoutProvider } from "../shared/data";
import { errorSummary, isNotFound } from "../shared/errors";
import type { JobView } from "./api";
import { Claims, ClaimsContext, findClaims, readHandovers, writeHandover } from "./claims";
import { readResults } from "./collect";
import { JobContext, Outputs, recordedJob } from "./context";
import type { JobKind } from "./kind";
import { isRunning, isSuccess } from "./status";

/** The earliest of some ISO times (undefined when none is given). */
function earliest(times: (string | undefined)[]): Date | undefined {
    const ms = times
        .filter((t): t is string => !!t)
        .map((t) => Date.parse(t))
        .filter((t) => !Number.isNaN(t));
    return ms.length ? new Date(Math.min(...ms)) : undefined;
}

/** The provider's `delete` for `kind`: forgets the job, deleting what it created when asked to. */
export async function deleteJob(kind: JobKind, id: string, raw: Record<string, any>): Promise<void> {
    const TYPE = kind.type;
    const prev = withoutProvider(raw) as unknown as Outputs;
    const { domainId, jobId } = recordedJob(TYPE, id, prev);
    const ctx = new JobContext(kind, prev);
    const { noun, verb } = kind;
    if (!prev[kind.deleteInput]) {
        const count = kind.recordedCreatedCount(prev);
        const kept = count ? `; its ${count} ${verb} ${noun}(s) stay in the domain` : "";
        ctx.log.info(`forgetting job ${jobId} (Voice ID has no job deletion)${kept}`);
        return;
    }
    if (!isSuccess(prev.jobStatus)) {
        if (isRunning(prev.jobStatus)) {
            ctx.log.warn(
                `job ${jobId} is still ${prev.jobStatus}: ${noun}s it ${verb.replace(/ed$/, "s")} after now are not deleted`,
            );
        }
        ctx.log.info(`forgetting job ${jobId} (${prev.jobStatus}); no ${kind.resultsNoun} to delete`);
        return;
    }
    const claimsCtx = { api: ctx.api, s3: ctx.companion("S3"), retry: () => ctx.retryOptions() };
    const created = await createdIdsOf(ctx, prev, jobId);
    const handovers = prev.outputDataConfig
        ? await readHandovers(claimsCtx, { jobId, outputDataConfig: prev.outputDataConfig })
        : [];
    const ids = [...new Set([...created, ...handovers.flatMap((h) => h.ids)])];
    const since = earliest([prev.createdAt, ...handovers.map((h) => h.fromCreatedAt)]);
    const claims = await findClaims(
        claimsCtx,
        kind,
        domainId,
        ids,
        since,
        new Set([jobId, ...handovers.map((h) => h.fromJobId)]),
    );
    if (claims.unreadable.length) {
        throw ctx.error(
            `${TYPE}: not deleting the ${noun}s of job ${jobId}: ${claims.unreadable.length} later job(s) of the domain may rely on them and cannot be read ` +
                `(${claims.unreadable.map((u) => `job ${u.job.jobId}: ${u.reason}`).join("; ")}). ` +
                `Allow reading those files, or unset ${kind.deleteInput} to only forget the job.`,
        );
    }
    const kept = await handOver(ctx, claimsCtx, domainId, prev, jobId, claims);
    let deleted = 0;
    const doomed = ids.filter((i) => !claims.claimedBy.has(i));
    for (const objectId of doomed) {
        try {
            await ctx.api.call(kind.created.deleteCommand, { DomainId: domainId, [kind.created.idMember]: objectId });
            deleted++;
        } catch (err) {
            if (!isNotFound(err))
                throw ctx.error(
                    `${TYPE}: deleting ${noun}s of job ${jobId} failed after ${deleted}: ${errorSummary(err)}`,
                );
        }
    }
    const gone = doomed.length - deleted;
    ctx.log.info(
        `deleted ${deleted} ${noun}(s) of job ${jobId}${gone ? ` (${gone} already gone)` : ""}` +
            `${kept ? `; kept ${kept} that later job(s) found again (handed over to them)` : ""}; forgetting the job`,
    );
}

/** The ids the job newly created: from its output file, else from the recorded (untruncated) list. */
async function createdIdsOf(ctx: JobContext, prev: Outputs, jobId: string): Promise<string[]> {
    const { kind } = ctx;
    const fromFile =
        prev.inputDataConfig && prev.outputDataConfig ? await readResults(ctx, prev, { jobId }, true) : undefined;
    if (fromFile?.resultsStatus === "read") return fromFile.createdIds;
    const recorded = prev.resultsTruncated ? undefined : kind.recordedCreatedIds(prev);
    if (recorded) return recorded;
    throw ctx.error(
        `${kind.type}: cannot list the ${kind.noun}s job ${jobId} ${kind.verb} (output file ${fromFile?.resultsStatus ?? "unavailable"} and the recorded list is truncated); ` +
            `fix access to ${fromFile?.outputFileS3Uri ?? "the output file"} or unset ${kind.deleteInput} to only forget the job`,
    );
}

/** Hands each claimed object over to its claimer (a record beside its output file, the kind's move); returns how many. */
async function handOver(
    ctx: JobContext,
    claimsCtx: ClaimsContext,
    domainId: string,
    prev: Outputs,
    jobId: string,
    claims: Claims,
): Promise<number> {
    const { kind } = ctx;
    const byClaimer = new Map<string, { job: JobView; ids: string[] }>();
    for (const [objectId, job] of claims.claimedBy) {
        const entry = byClaimer.get(job.jobId) ?? { job, ids: [] };
        entry.ids.push(objectId);
        byClaimer.set(job.jobId, entry);
    }
    for (const { job, ids } of byClaimer.values()) {
        for (const objectId of ids) await kind.handOver?.(ctx.api, domainId, objectId, prev, job);
        try {
            await writeHandover(claimsCtx, job, { fromJobId: jobId, fromCreatedAt: prev.createdAt, ids });
        } catch (err) {
            ctx.log.warn(
                `kept ${ids.length} ${kind.noun}(s) of job ${jobId} that job ${job.jobId} found again, but could not record the handover beside its output file ` +
                    `(${errorSummary(err)}): destroying that job will not delete them`,
            );
        }
    }
    return claims.claimedBy.size;
}
