/**
 * The life of a Voice ID batch job as a dynamic provider, for any {@link JobKind}: `check`,
 * `diff`, `create`, `read`, `update`, `delete`.
 *
 * - create: derived ClientTokens walked by generation (a crash-safe adoption of the job an
 *   interrupted `pulumi up` started), waits for a free job slot on ServiceQuotaExceeded, the
 *   adaptive waiter with progress lines, then the output file parsed into outputs;
 * - partial state (`PartialStateError`) on FAILED, timeout and failOnErrors, so the engine
 *   records the job and the next `pulumi up` resumes or replaces it;
 * - import by `<domainId>/<jobId>`, refresh with structural comparison, and destroy deleting what
 *   the job created when the kind's opt-in input says so.
 *
 * This module is never serialized: the provider object stored in state only holds `require`
 * calls of the kind's provider module (see `shared/lazyProvider.ts`).
 * @module
 */
import { ambientTarget, effectiveRegion, withEffectiveRegion } from "../shared/clients";
import { canonicalJson, deepEqual, withoutProvider } from "../shared/data";
import { errorSummary, isNotFound } from "../shared/errors";
import { logger } from "../shared/log";
import { PartialStateError } from "../shared/partial";
import { normalize } from "../shared/resourceDiff";
import { validInputs } from "../shared/validation";
import { importMismatchError } from "../shared/importing";
import { PresentedDiff, presentDiff } from "../shared/detailedDiff";
import { noteCheck, noteDiff } from "../plan/notes";
import { MAX_TOKEN_GENERATIONS, createdEarlier, walkTokenGenerations } from "../shared/idempotency";
import type { JobView } from "./api";
import { readResults, resultOutputs } from "./collect";
import {
    Inputs,
    JobContext,
    Outputs,
    failureMessage,
    finish,
    parseResourceId,
    recordedJob,
    resourceId,
    statusFields,
} from "./context";
import { jobDefinition } from "./definition";
import { deleteJob } from "./destroy";
import { JobDiff, diffBatchJob } from "./diff";
import { importMismatches } from "./importCheck";
import type { JobKind } from "./kind";
import { preflightFailures } from "./preflight";
import { startWithSlotWait } from "./slots";
import { isRunning, isSuccess } from "./status";
import { waitAndCollect } from "./wait";

export { parseResourceId, resourceId };

type Started = { job: JobView; token: string; generation?: number; startedAt: number };

/** The dynamic provider of a batch-job kind. */
export interface BatchJobProvider {
    check(
        olds: Record<string, any>,
        news: Record<string, any>,
    ): Promise<{ inputs: Record<string, any>; failures: { property: string; reason: string }[] }>;
    diff(id: string, olds: Record<string, any>, news: Record<string, any>): Promise<JobDiff & PresentedDiff>;
    create(props: Record<string, any>): Promise<{ id: string; outs: Record<string, any> }>;
    read(id: string, props: Record<string, any>): Promise<{ id?: string; props?: Record<string, any> }>;
    update(id: string, olds: Record<string, any>, news: Record<string, any>): Promise<{ outs: Record<string, any> }>;
    delete(id: string, props: Record<string, any>): Promise<void>;
    /** {@link parseResourceId} for this kind. */
    parseResourceId(id: string): { domainId: string; jobId: string };
}

/** Builds the provider of `kind`. */
export function batchJobProvider(kind: JobKind): BatchJobProvider {
    const TYPE = kind.type;
    const props = kind.properties;
    const parseId = (id: string) => parseResourceId(TYPE, id);
    const diffOf = (olds: Record<string, any>, news: Record<string, any>, ambient = {}) =>
        diffBatchJob(props, olds, news, ambient);
    const context = (inputs: Partial<Inputs>, budgetSeconds?: number, secrets?: () => (string | undefined)[]) =>
        new JobContext(kind, inputs, budgetSeconds, secrets);
    const timeoutOf = (inputs: Inputs) => inputs.timeoutSeconds ?? kind.defaultTimeoutSeconds;

    /**
     * The new inputs of replacements the diffs in this process planned. The engine diffs before it
     * creates the replacement, in the same provider host, so `create` knows (once) that it
     * replaces a job: a new job that FAILS then fails the step *without* partial state, which
     * keeps the engine from marking the old job for deletion (it would be deleted at the end of
     * a later `up`, or of this one under --continue-on-error, while nothing replaced it).
     */
    const replacing = new Set<string>();
    const replacementKey = (inputs: Record<string, any>) => canonicalJson(withoutProvider(inputs));

    // ------------------------------------------------------------ check / diff

    /**
     * Validates every constraint before any API call; unknown (preview) values pass. Valid inputs
     * that start a job (create, replace: the diff's test) or adopt one (`{ import }`) then get the
     * preflight (`preflight.ts`): what would make the job fail, or the import mismatch, fails the preview.
     */
    async function check(olds: Record<string, any>, news: Record<string, any>) {
        const failures = kind.validate(news);
        if (!failures.length) failures.push(...(await preflightFailures(kind, olds, news)));
        if (!failures.length) noteCheck(TYPE, olds, news);
        return { inputs: news, failures };
    }

    /**
     * The diff comes with its presentation and a plan line for a replacement. An entry recorded
     * without `__provider` (a failed create under 0.1.0) cannot be deleted or read by the dynamic
     * provider host, so its replacement is planned as an update that replaces the job in place
     * (`update`) and records complete state.
     */
    async function diff(
        id: string,
        olds: Record<string, any>,
        news: Record<string, any>,
    ): Promise<JobDiff & PresentedDiff> {
        const prev = withoutProvider(olds) as Partial<Outputs>;
        const inputs = withoutProvider(news) as Partial<Inputs>;
        const d = diffOf(prev, inputs, await ambientTarget());
        // Compatibility shim (0.1.0 state), may be removed in 1.0.0: docs/compatibility.md
        if (d.replaces.length && olds.__provider === undefined) {
            const log = logger("voiceid", () => [inputs.jobName, prev.jobName], inputs.scope?.urn);
            log.info(
                `job ${prev.jobId} was recorded without its provider (a failed create under 0.1.0); ` +
                    `it is replaced in place by an update (${d.replaces.join(", ")}), which also repairs its state`,
            );
            const updates = [...d.updates, ...d.replaces.filter((k) => !d.updates.includes(k))];
            return presentDiff(prev, inputs, { changes: true, replaces: [], updates }, props.knownInputs) as JobDiff &
                PresentedDiff;
        }
        const presented = presentDiff(prev, inputs, d, props.knownInputs) as JobDiff & PresentedDiff;
        if (presented.replaces.length) replacing.add(replacementKey(news));
        noteDiff(TYPE, id, prev, inputs, presented);
        return presented;
    }

    // ------------------------------------------------------------ create

    /** Starts the job (adopting one already started under the same token), waits, reads results. */
    async function create(raw: Record<string, any>) {
        const inputs = validInputs<Inputs>(TYPE, raw, kind.validate);
        const replacement = replacing.delete(replacementKey(raw));
        const ctx = context(inputs, timeoutOf(inputs));
        if (inputs.importId) return importJob(ctx, inputs, inputs.importId);

        const { job, token, generation, startedAt } = await startOrAdopt(ctx, inputs);
        const id = resourceId(inputs.domainId, job.jobId);
        let outs: Partial<Outputs> = {
            ...inputs,
            effectiveRegion: await effectiveRegion(inputs),
            ...statusFields(job),
            effectiveClientToken: token,
            tokenGeneration: generation,
        };

        if (inputs.waitForCompletion === false) {
            ctx.log.info(`job ${job.jobId} is ${job.status}; not waiting (waitForCompletion: false)`);
            return { id, outs: finish(outs) };
        }
        outs = await waitAndCollect(ctx, id, inputs, job, startedAt, outs, replacement);
        return { id, outs: finish(outs) };
    }

    /**
     * `{ import: "<domainId>/<jobId>" }`: records an existing job instead of starting one, after
     * checking that what the program declares matches it (the comparison `check` made at preview;
     * the job name stays masked). A running job is waited for like a created one.
     */
    async function importJob(ctx: JobContext, inputs: Inputs, importId: string) {
        const { domainId, jobId } = parseId(importId);
        let job: JobView;
        try {
            job = await ctx.api.describe(domainId, jobId);
        } catch (err) {
            throw ctx.error(`${TYPE}: cannot import ${importId}: ${errorSummary(err)}`);
        }
        const mismatches = importMismatches(kind, inputs, job);
        if (mismatches.length) throw ctx.error(importMismatchError(TYPE, importId, mismatches).message);
        const id = resourceId(domainId, jobId);
        let outs: Partial<Outputs> = {
            ...inputs,
            effectiveRegion: await effectiveRegion(inputs),
            ...statusFields(job),
        };
        ctx.log.info(`importing job ${jobId} (${job.status})`);
        if (isRunning(job.status) && inputs.waitForCompletion !== false) {
            outs = await waitAndCollect(ctx, id, inputs, job, ctx.anchorOf(job), outs);
        } else if (isSuccess(job.status)) {
            outs = { ...outs, ...resultOutputs(await readResults(ctx, inputs, job)) };
        }
        return { id, outs: finish(outs) };
    }

    /**
     * Walks derived-token generations until one starts a new job or finds a job worth adopting
     * (running, or finished with what it created intact). A given `clientToken` is used as is.
     */
    async function startOrAdopt(ctx: JobContext, inputs: Inputs): Promise<Started> {
        if (inputs.clientToken) {
            const job = await startWithSlotWait(ctx, inputs, inputs.clientToken);
            if (job.status === "FAILED") {
                throw new PartialStateError(
                    ctx.error(
                        `${TYPE}: clientToken "${inputs.clientToken}" belongs to a job that already FAILED (${failureMessage(job)}); ` +
                            `set a new clientToken (or remove it and let the provider derive one) to run again`,
                    ).message,
                    resourceId(inputs.domainId, job.jobId),
                    finish({ ...inputs, ...statusFields(job), effectiveClientToken: inputs.clientToken }),
                );
            }
            return { job, token: inputs.clientToken, startedAt: ctx.anchorOf(job) };
        }
        return walkTokenGenerations<Started>(
            async (generation) => {
                const token = kind.deriveClientToken(inputs, generation);
                const job = await startWithSlotWait(ctx, inputs, token);
                if (job.status === "FAILED")
                    return { spent: `token generation ${generation} already ran as job ${job.jobId}, which FAILED` };
                if (isSuccess(job.status)) {
                    if (inputs[kind.deleteInput] && (await createdWereDeleted(ctx, inputs, job))) {
                        return {
                            spent: `job ${job.jobId} (generation ${generation}) finished earlier but its ${kind.noun}s were deleted since`,
                        };
                    }
                    ctx.log.info(
                        `adopting job ${job.jobId}, already ${job.status} (started earlier with the same inputs)`,
                    );
                } else if (createdEarlier(job.createdAt, 5_000)) {
                    ctx.log.info(`resuming job ${job.jobId} (${job.status}), started earlier with the same inputs`);
                } else {
                    ctx.log.info(`started job ${job.jobId} in domain ${inputs.domainId}`);
                }
                return { use: { job, token, generation, startedAt: ctx.anchorOf(job) } };
            },
            ctx.log,
            () =>
                ctx.error(
                    `${TYPE}: the last ${MAX_TOKEN_GENERATIONS} jobs started for these inputs all FAILED; fix the cause, then change triggers to try again`,
                ),
        );
    }

    /** A finished job adopted under the delete option: is what it created gone? */
    async function createdWereDeleted(ctx: JobContext, inputs: Inputs, job: JobView): Promise<boolean> {
        const read = await readResults(ctx, inputs, job, true);
        const first = read.createdIds[0];
        if (!first) return false;
        try {
            await ctx.api.call(kind.created.describeCommand, {
                DomainId: inputs.domainId,
                [kind.created.idMember]: first,
            });
            return false;
        } catch (err) {
            if (isNotFound(err)) return true;
            throw err;
        }
    }

    // ------------------------------------------------------------ update

    /**
     * Applies knob changes; resumes waiting on a running job; re-applies failOnErrors. An entry
     * recorded without `__provider` whose inputs call for a new job is replaced in place (see `diff`).
     */
    async function update(id: string, olds: Record<string, any>, news: Record<string, any>) {
        const prev = withoutProvider(olds) as unknown as Outputs;
        const inputs = withoutProvider(news) as unknown as Inputs;
        if (olds.__provider === undefined && diffOf(prev, inputs, await ambientTarget()).replaces.length) {
            return replaceInPlace(id, prev, news);
        }
        const { domainId, jobId } = recordedJob(TYPE, id, prev);
        const ctx = context(inputs, timeoutOf(inputs));
        // Keep what the job produced; take every input from the new inputs.
        const produced: Partial<Outputs> = Object.fromEntries(props.produced.map((k) => [k, prev[k]]));
        produced.jobId = jobId;
        let outs: Partial<Outputs> = await withEffectiveRegion({ ...inputs, ...produced }, inputs);

        if (isRunning(prev.jobStatus) && inputs.waitForCompletion !== false) {
            const job = await ctx.api.describe(domainId, jobId);
            ctx.log.info(`resuming wait for job ${jobId} (${job.status} ${job.percentComplete ?? 0}%)`);
            outs = await waitAndCollect(ctx, id, inputs, job, ctx.anchorOf(job), { ...outs, ...statusFields(job) });
            return { outs: finish(outs) };
        }
        if (isSuccess(prev.jobStatus) && !prev.resultsStatus) {
            outs = { ...outs, ...resultOutputs(await readResults(ctx, inputs, { jobId })) };
        }
        if (prev.jobStatus === "COMPLETED_WITH_ERRORS" && inputs.failOnErrors) {
            throw new PartialStateError(
                `${TYPE}: job ${jobId} COMPLETED_WITH_ERRORS (${outs.errorCount ?? "?"} failed requests) and failOnErrors is set; ` +
                    `change triggers or the inputs to run a new job, or unset failOnErrors to accept it`,
                id,
                finish(outs),
            );
        }
        return { outs: finish(outs) };
    }

    /**
     * A replacement carried out by `update`, for entries the host cannot delete: what a replace
     * does (the new job first; the old job's objects deleted only after it succeeded, except
     * those it claims), then the new job's outputs. The resource id keeps naming the old job until
     * the next refresh; every operation takes the job from the outputs.
     */
    async function replaceInPlace(id: string, prev: Outputs, news: Record<string, any>) {
        const inputs = withoutProvider(news) as unknown as Inputs;
        const ctx = context(inputs, timeoutOf(inputs));
        ctx.log.info(`replacing job ${prev.jobId} (${prev.jobStatus}) with a new job`);
        const created = await create(news);
        await deleteJob(kind, id, prev);
        return { outs: created.outs };
    }

    // ------------------------------------------------------------ read

    /**
     * Refresh, `import` and `.get()`: describes the job. A job (or domain) that no longer exists
     * removes the resource from the stack. For `.get()` (no recorded status), job-defining fields
     * come from the job itself (its definition: `definition.ts`); a refresh keeps what the program
     * declared (an undeclared config block stays undeclared, so the next preview shows no change),
     * warning when a declared value differs from the job's.
     */
    async function read(id: string, raw: Record<string, any>) {
        const prev = withoutProvider(raw ?? {}) as Partial<Outputs>;
        // The outputs name the job when they can: a job replaced in place keeps its old id until now.
        const { domainId, jobId } = recordedJob(TYPE, id, prev);
        const ctx = context(prev, undefined, () => [prev.jobName]);
        let job: JobView;
        try {
            job = await ctx.api.describe(domainId, jobId);
        } catch (err) {
            if (isNotFound(err)) {
                ctx.log.info(`job ${jobId} no longer exists in domain ${domainId}; removing it from the stack`);
                return {};
            }
            throw ctx.error(`${TYPE}: cannot read job ${jobId}: ${errorSummary(err)}`);
        }
        const fromJob = jobDefinition(
            { ...job, domainId: job.domainId ?? domainId },
            kind.configInput,
            job.config,
        ) as Partial<Outputs>;
        const refreshing = prev.jobStatus !== undefined;
        const outs: Partial<Outputs> = { ...(refreshing ? {} : fromJob), ...prev, ...statusFields(job) };
        for (const [k, v] of Object.entries(fromJob)) {
            const mine = prev[k];
            if (mine !== undefined && k !== kind.configInput && !deepEqual(normalize(mine), normalize(v))) {
                ctx.log.warn(
                    `job ${jobId}: ${k} in the program differs from the job's; the job's value is kept in the outputs`,
                );
                outs[k] = v;
            }
        }
        const changed = prev.jobStatus !== job.status;
        if (
            isSuccess(job.status) &&
            (changed || !prev.resultsStatus) &&
            outs.inputDataConfig &&
            outs.outputDataConfig
        ) {
            Object.assign(outs, resultOutputs(await readResults(ctx, outs as Inputs, job)));
        }
        return { id: resourceId(domainId, jobId), props: finish(await withEffectiveRegion(outs, prev)) };
    }

    return {
        check,
        diff,
        create,
        read,
        update,
        delete: (id, props) => deleteJob(kind, id, props),
        parseResourceId: parseId,
    };
}
