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
import { canonicalJson, deepEqual, prune, withoutProvider } from "../shared/data";
import { classifyError, errorSummary, isNotFound } from "../shared/errors";
import { logger } from "../shared/log";
import { PartialStateError } from "../shared/partial";
import { redactText } from "../shared/redact";
import { backoffDelay } from "../shared/retry";
import { validInputs } from "../shared/validation";
import { waitForTerminal } from "../shared/waiter";
import { howToStop, stopCauseOf } from "../shared/stop";
import { importMismatchError } from "../shared/importing";
import { PresentedDiff, presentDiff } from "../shared/detailedDiff";
import { noteCheck, noteDiff } from "../plan/notes";
import { CallContext as SharedCallContext } from "../shared/callContext";
import { MAX_TOKEN_GENERATIONS, createdEarlier, walkTokenGenerations } from "../shared/idempotency";
import { parseS3Uri } from "../shared/s3Uri";
import { BatchJobApi, readS3Text } from "./api";
import { JobDiff, diffBatchJob, norm } from "./diff";
import { BaseJobInputs, BaseJobOutputs, JobKind, JobView } from "./kind";
import { outputFileUri } from "./results";
import { runtime } from "./runtime";
import { importMismatches } from "./importCheck";
import { preflightFailures } from "./preflight";
import { isRunning, isSuccess, isTerminal } from "./status";
import { Claims, ClaimsContext, findClaims, readHandovers, writeHandover } from "./claims";

/** The earliest of some ISO times (undefined when none is given). */
function earliest(times: (string | undefined)[]): Date | undefined {
    const ms = times.filter((t): t is string => !!t).map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t));
    return ms.length ? new Date(Math.min(...ms)) : undefined;
}

type Inputs = BaseJobInputs & Record<string, any>;
type Outputs = BaseJobOutputs & Record<string, any>;
type Started = { job: JobView; token: string; generation?: number; startedAt: number };
type ResultsRead = Record<string, unknown> & { outputFileS3Uri: string; resultsStatus: NonNullable<BaseJobOutputs["resultsStatus"]>; createdIds: string[]; summary?: string; errorCount?: number };

/** `<domainId>/<jobId>` */
export function resourceId(domainId: string, jobId: string): string {
    return `${domainId}/${jobId}`;
}

/** Splits a resource id; throws a clear error for anything else (e.g. a bad `import` id). */
export function parseResourceId(type: string, id: string): { domainId: string; jobId: string } {
    const m = /^([a-zA-Z0-9]{22})\/([a-zA-Z0-9]{22})$/.exec(id ?? "");
    if (!m) throw new Error(`${type}: id must be "<domainId>/<jobId>" (two ids of 22 letters or digits), got ${JSON.stringify(id)}`);
    return { domainId: m[1], jobId: m[2] };
}

/** The dynamic provider of a batch-job kind. */
export interface BatchJobProvider {
    check(olds: Record<string, any>, news: Record<string, any>): Promise<{ inputs: Record<string, any>; failures: { property: string; reason: string }[] }>;
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
    const diffOf = (olds: Record<string, any>, news: Record<string, any>, ambient = {}) => diffBatchJob(props, olds, news, ambient);

    /**
     * The new inputs of replacements the diffs in this process planned. The engine diffs before it
     * creates the replacement, in the same provider host, so `create` knows (once) that it
     * replaces a job: a new job that FAILS then fails the step *without* partial state, which
     * keeps the engine from marking the old job for deletion (it would be deleted at the end of
     * a later `up`, or of this one under --continue-on-error, while nothing replaced it).
     */
    const replacing = new Set<string>();
    const replacementKey = (inputs: Record<string, any>) => canonicalJson(withoutProvider(inputs));

    /** A job operation's context (see `shared/callContext.ts`), with the kind's calls. */
    class CallContext extends SharedCallContext {
        readonly api = this.calls((settings, retry) => new BatchJobApi(settings, retry, kind.commands));
        constructor(
            inputs: Partial<Inputs>,
            budgetSeconds?: number,
            secrets: () => (string | undefined)[] = () => [inputs.jobName],
        ) {
            super(inputs, secrets, budgetSeconds);
        }
    }

    /** Status fields of the outputs for a job view. */
    function statusFields(job: JobView): Partial<Outputs> {
        return {
            jobId: job.jobId,
            jobStatus: job.status,
            createdAt: job.createdAt?.toISOString(),
            endedAt: job.endedAt?.toISOString(),
            percentComplete: job.percentComplete,
            failureDetails: job.failureDetails ? prune(job.failureDetails) : undefined,
        };
    }

    /** Output properties must not hold `undefined` (protobuf Struct rejects it). */
    function finish(outs: Partial<Outputs>): Outputs {
        return prune(outs) as Outputs;
    }

    function failureMessage(job: JobView): string {
        const d = job.failureDetails;
        return `job ${job.jobId} FAILED${d ? `: ${d.statusCode ?? ""} ${d.message ?? ""}`.trimEnd() : ""}`;
    }

    const timeoutOf = (inputs: Inputs) => inputs.timeoutSeconds ?? kind.defaultTimeoutSeconds;

    /** The result outputs of a read (without the ids destroy needs). */
    const resultOutputs = ({ createdIds: _ids, summary: _s, ...results }: ResultsRead) => results;

    // ------------------------------------------------------------ check / diff

    /**
     * Validates every constraint before any API call; unknown (preview) values pass. Valid inputs
     * that start a job (create, replace) or adopt one (`{ import }`) then get the preflight
     * (`preflight.ts`): what would make the job fail, or the import mismatch, fails the preview.
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
    async function diff(id: string, olds: Record<string, any>, news: Record<string, any>): Promise<JobDiff & PresentedDiff> {
        const prev = withoutProvider(olds) as Partial<Outputs>;
        const inputs = withoutProvider(news) as Partial<Inputs>;
        const d = diffOf(prev, inputs, await ambientTarget());
        // Compatibility shim (0.1.0 state), may be removed in 1.0.0: docs/compatibility.md
        if (d.replaces.length && olds.__provider === undefined) {
            const log = logger("voiceid", () => [inputs.jobName, prev.jobName], inputs.scope?.urn);
            log.info(`job ${prev.jobId} was recorded without its provider (a failed create under 0.1.0); ` +
                `it is replaced in place by an update (${d.replaces.join(", ")}), which also repairs its state`);
            const updates = [...d.updates, ...d.replaces.filter((k) => !d.updates.includes(k))];
            return presentDiff(prev, inputs, { changes: true, replaces: [], updates }, props.knownInputs) as JobDiff & PresentedDiff;
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
        const ctx = new CallContext(inputs, timeoutOf(inputs));
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
    async function importJob(ctx: CallContext, inputs: Inputs, importId: string) {
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
        let outs: Partial<Outputs> = { ...inputs, effectiveRegion: await effectiveRegion(inputs), ...statusFields(job) };
        ctx.log.info(`importing job ${jobId} (${job.status})`);
        if (isRunning(job.status) && inputs.waitForCompletion !== false) {
            outs = await waitAndCollect(ctx, id, inputs, job, anchorOf(ctx, job), outs);
        } else if (isSuccess(job.status)) {
            outs = { ...outs, ...resultOutputs(await readResults(ctx, inputs, job)) };
        }
        return { id, outs: finish(outs) };
    }

    /**
     * Walks derived-token generations until one starts a new job or finds a job worth adopting
     * (running, or finished with what it created intact). A given `clientToken` is used as is.
     */
    async function startOrAdopt(ctx: CallContext, inputs: Inputs): Promise<Started> {
        if (inputs.clientToken) {
            const job = await startWithSlotWait(ctx, inputs, inputs.clientToken);
            if (job.status === "FAILED") {
                throw new PartialStateError(
                    ctx.error(`${TYPE}: clientToken "${inputs.clientToken}" belongs to a job that already FAILED (${failureMessage(job)}); ` +
                        `set a new clientToken (or remove it and let the provider derive one) to run again`).message,
                    resourceId(inputs.domainId, job.jobId),
                    finish({ ...inputs, ...statusFields(job), effectiveClientToken: inputs.clientToken }),
                );
            }
            return { job, token: inputs.clientToken, startedAt: anchorOf(ctx, job) };
        }
        return walkTokenGenerations<Started>(async (generation) => {
            const token = kind.deriveClientToken(inputs, generation);
            const job = await startWithSlotWait(ctx, inputs, token);
            if (job.status === "FAILED") return { spent: `token generation ${generation} already ran as job ${job.jobId}, which FAILED` };
            if (isSuccess(job.status)) {
                if (inputs[kind.deleteInput] && (await createdWereDeleted(ctx, inputs, job))) {
                    return { spent: `job ${job.jobId} (generation ${generation}) finished earlier but its ${kind.noun}s were deleted since` };
                }
                ctx.log.info(`adopting job ${job.jobId}, already ${job.status} (started earlier with the same inputs)`);
            } else if (createdEarlier(job.createdAt, 5_000)) {
                ctx.log.info(`resuming job ${job.jobId} (${job.status}), started earlier with the same inputs`);
            } else {
                ctx.log.info(`started job ${job.jobId} in domain ${inputs.domainId}`);
            }
            return { use: { job, token, generation, startedAt: anchorOf(ctx, job) } };
        }, ctx.log, () => ctx.error(`${TYPE}: the last ${MAX_TOKEN_GENERATIONS} jobs started for these inputs all FAILED; fix the cause, then change triggers to try again`));
    }

    /** Local time the job started: its CreatedAt, but never in the future (clock skew). */
    function anchorOf(ctx: CallContext, job: JobView): number {
        const now = ctx.clock.now();
        return job.createdAt ? Math.min(now, job.createdAt.getTime()) : now;
    }

    /** A finished job adopted under the delete option: is what it created gone? */
    async function createdWereDeleted(ctx: CallContext, inputs: Inputs, job: JobView): Promise<boolean> {
        const read = await readResults(ctx, inputs, job, true);
        const first = read.createdIds[0];
        if (!first) return false;
        try {
            await ctx.api.call(kind.created.describeCommand, { DomainId: inputs.domainId, [kind.created.idMember]: first });
            return false;
        } catch (err) {
            if (isNotFound(err)) return true;
            throw err;
        }
    }

    /**
     * Starts the job, waiting for a free job slot on ServiceQuotaExceededException. The wait
     * targets the predicted end of the running job closest to finishing (from its progress), so a
     * slot is taken soon after it frees without polling the API hard.
     */
    async function startWithSlotWait(ctx: CallContext, inputs: Inputs, token: string): Promise<JobView> {
        let waits = 0;
        let lastLog = -Infinity;
        for (;;) {
            try {
                return await ctx.api.start(inputs, token);
            } catch (err) {
                const errorKind = classifyError(err);
                if (errorKind === "conflict" && (err as { name?: string }).name === "ConflictException" && /token/i.test(String((err as Error).message))) {
                    throw ctx.error(`${TYPE}: ClientToken ${token} was already used for a different request: ${errorSummary(err)}`);
                }
                if (errorKind !== "quota") throw ctx.error(`${TYPE}: cannot start the job: ${errorSummary(err)}`);
                waits++;
                const now = ctx.clock.now();
                const delay = await slotWaitDelay(ctx, inputs.domainId, waits);
                if (now + delay > ctx.deadline) {
                    throw ctx.error(`${TYPE}: no free job slot in domain ${inputs.domainId} within timeoutSeconds (${errorSummary(err)}); no job was started`);
                }
                if (now - lastLog > 30_000) {
                    ctx.log.info(`domain ${inputs.domainId} is at its concurrent job quota; waiting for a free slot`);
                    lastLog = now;
                }
                await ctx.clock.sleep(delay, ctx.signal);
                const stopped = stopCauseOf(ctx.signal);
                if (stopped) throw ctx.error(`${TYPE}: stopped waiting for a free job slot in domain ${inputs.domainId} (${stopped.detail}); no job was started`);
            }
        }
    }

    /** How long to wait before trying to take a job slot again. */
    async function slotWaitDelay(ctx: CallContext, domainId: string, waits: number): Promise<number> {
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
                soonest = Math.min(soonest, elapsed * (100 - p) / p);
            }
            if (soonest < Infinity) return Math.min(max, Math.max(min, soonest + 100)) + spread();
        } catch (err) {
            if (classifyError(err) !== "denied") throw err;
            // Not allowed to list jobs: fall back to plain backoff.
        }
        return backoffDelay(waits, min * 2, max, runtime.random);
    }

    /** Waits for a terminal state, then records the outcome (throwing partial state on failure). */
    async function waitAndCollect(ctx: CallContext, id: string, inputs: Inputs, initial: JobView, anchor: number, outs: Partial<Outputs>, replacement = false): Promise<Partial<Outputs>> {
        let lastLine = { at: ctx.clock.now(), percent: initial.percentComplete ?? 0 };
        const stopping = howToStop();
        if (!isTerminal(initial.status) && stopping) {
            ctx.log.info(`waiting for job ${initial.jobId}: ${stopping}; the job keeps running in Voice ID and the next \`pulumi up\` resumes waiting for it`);
        }
        const outcome = await waitForTerminal<JobView & { percentComplete?: number }>({
            describe: () => ctx.api.describe(inputs.domainId, initial.jobId),
            isTerminal: (s) => isTerminal(s),
            anchor,
            deadline: ctx.deadline,
            initial,
            clock: ctx.clock,
            random: runtime.random,
            policy: runtime.pollPolicy,
            signal: ctx.signal,
            onPoll: (job, elapsed) => {
                const p = job.percentComplete ?? 0;
                const now = ctx.clock.now();
                if (!isTerminal(job.status) && (p - lastLine.percent >= 25 || now - lastLine.at >= runtime.progressEveryMs)) {
                    ctx.log.info(`job ${job.jobId}: ${job.status} ${p}% after ${Math.round(elapsed / 1000)}s`);
                    lastLine = { at: now, percent: p };
                }
            },
        });
        const job = outcome.job ?? initial;
        outs = { ...outs, ...statusFields(job) };
        if (outcome.state === "stopped") {
            throw new PartialStateError(
                `${TYPE}: stopped waiting for job ${job.jobId} (${job.status} ${job.percentComplete ?? 0}%): ${outcome.cause.detail}; ` +
                    `it keeps running in Voice ID and the next \`pulumi up\` resumes waiting for it`,
                id,
                finish(outs),
            );
        }
        if (outcome.state === "timeout") {
            throw new PartialStateError(
                `${TYPE}: job ${job.jobId} still ${job.status} (${job.percentComplete ?? 0}%) after timeoutSeconds; ` +
                    `it keeps running and the next \`pulumi up\` resumes waiting for it`,
                id,
                finish(outs),
            );
        }
        if (job.status === "FAILED") {
            if (replacement) {
                throw ctx.error(
                    `${TYPE}: ${failureMessage(job)}. The replaced job stays as it was, with everything it ${kind.verb}; nothing was deleted. ` +
                        `The failed job is not recorded: the next \`pulumi up\` starts a new one.`,
                );
            }
            throw new PartialStateError(
                redactText(`${TYPE}: ${failureMessage(job)}. The job is recorded; the next \`pulumi up\` starts a new one.`, ctx.secrets()),
                id,
                finish(outs),
            );
        }
        const read = await readResults(ctx, inputs, job);
        outs = { ...outs, ...resultOutputs(read) };
        const counts = read.summary ?? "";
        ctx.log.info(`job ${job.jobId} ${job.status}${read.resultsStatus === "read" ? `: ${counts}` : ""}`);
        if (job.status === "COMPLETED_WITH_ERRORS") {
            if (inputs.failOnErrors) {
                throw new PartialStateError(
                    redactText(`${TYPE}: job ${job.jobId} COMPLETED_WITH_ERRORS (${counts}) and failOnErrors is set. ` +
                        `Fix the manifest and change triggers (or the inputs) to run a new job, or unset failOnErrors to accept it.`, ctx.secrets()),
                    id,
                    finish(outs),
                );
            }
            ctx.log.warn(`job ${job.jobId} completed with ${read.errorCount ?? 0} failed request(s); see ${kind.errorsOutput}`);
        }
        return outs;
    }

    /** Reads and parses the output file; a denied or missing file is a warning, not a failure. */
    async function readResults(ctx: CallContext, inputs: Inputs, job: Pick<JobView, "jobId">, quiet = false): Promise<ResultsRead> {
        const uri = outputFileUri(inputs.outputDataConfig.s3Uri, job.jobId, inputs.inputDataConfig.s3Uri);
        const { bucket, key } = parseS3Uri(uri);
        const base = { outputFileS3Uri: uri };
        try {
            const text = await readS3Text(ctx.companion("S3"), bucket, key, ctx.retryOptions(ctx.resultsDeadline()));
            const parsed = kind.parseOutput(text);
            return { ...base, ...parsed.results, resultsStatus: "read", createdIds: parsed.createdIds, summary: parsed.summary, errorCount: parsed.errorCount };
        } catch (err) {
            const errorKind = classifyError(err);
            const status = errorKind === "denied" ? "denied" : errorKind === "notFound" ? "missing" : "unreadable";
            if (!quiet) ctx.log.warn(`cannot read the output file ${uri} (${errorSummary(err)}); results are left empty`);
            return { ...base, ...kind.emptyResults(), createdIds: [], resultsStatus: status };
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
        const { domainId, jobId } = prev.jobId ? { domainId: prev.domainId, jobId: prev.jobId } : parseId(id);
        const ctx = new CallContext(inputs, timeoutOf(inputs));
        // Keep what the job produced; take every input from the new inputs.
        const produced: Partial<Outputs> = Object.fromEntries(props.produced.map((k) => [k, prev[k]]));
        produced.jobId = jobId;
        let outs: Partial<Outputs> = await withEffectiveRegion({ ...inputs, ...produced }, inputs);

        if (isRunning(prev.jobStatus) && inputs.waitForCompletion !== false) {
            const job = await ctx.api.describe(domainId, jobId);
            ctx.log.info(`resuming wait for job ${jobId} (${job.status} ${job.percentComplete ?? 0}%)`);
            outs = await waitAndCollect(ctx, id, inputs, job, anchorOf(ctx, job), { ...outs, ...statusFields(job) });
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
        const ctx = new CallContext(inputs, timeoutOf(inputs));
        ctx.log.info(`replacing job ${prev.jobId} (${prev.jobStatus}) with a new job`);
        const created = await create(news);
        await deleteJob(id, prev);
        return { outs: created.outs };
    }

    // ------------------------------------------------------------ read

    /**
     * Refresh, `import` and `.get()`: describes the job. A job (or domain) that no longer exists
     * removes the resource from the stack. For `.get()` (no recorded status), job-defining fields
     * come from the job itself; a refresh keeps what the program declared (an undeclared config
     * block stays undeclared, so the next preview shows no change), warning when a declared value
     * differs from the job's.
     */
    async function read(id: string, raw: Record<string, any>) {
        const prev = withoutProvider(raw ?? {}) as Partial<Outputs>;
        // The outputs name the job when they can: a job replaced in place keeps its old id until now.
        const { domainId, jobId } = prev.jobId && prev.domainId ? { domainId: prev.domainId, jobId: prev.jobId } : parseId(id);
        const ctx = new CallContext(prev, undefined, () => [prev.jobName]);
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
        const fromJob: Partial<Outputs> = prune({
            domainId: job.domainId ?? domainId,
            dataAccessRoleArn: job.dataAccessRoleArn,
            inputDataConfig: job.inputDataConfig,
            outputDataConfig: job.outputDataConfig,
            [kind.configInput]: job.config,
            jobName: job.jobName,
        });
        const refreshing = prev.jobStatus !== undefined;
        const outs: Partial<Outputs> = { ...(refreshing ? {} : fromJob), ...prev, ...statusFields(job) };
        for (const [k, v] of Object.entries(fromJob)) {
            const mine = prev[k];
            if (mine !== undefined && k !== kind.configInput && !deepEqual(norm(mine), norm(v))) {
                ctx.log.warn(`job ${jobId}: ${k} in the program differs from the job's; the job's value is kept in the outputs`);
                outs[k] = v;
            }
        }
        const changed = prev.jobStatus !== job.status;
        if (isSuccess(job.status) && (changed || !prev.resultsStatus) && outs.inputDataConfig && outs.outputDataConfig) {
            Object.assign(outs, resultOutputs(await readResults(ctx, outs as Inputs, job)));
        }
        return { id: resourceId(domainId, jobId), props: finish(await withEffectiveRegion(outs, prev)) };
    }

    // ------------------------------------------------------------ delete

    /**
     * Voice ID cannot delete jobs: by default the job is forgotten. With the kind's delete option,
     * what the job newly created (from its output file), plus what earlier jobs handed over to
     * it, is deleted, except what a later job claims (`claims.ts`): that is kept and handed over
     * to the claiming job. A replacement deletes the old job only after the new one succeeded, so
     * the new job's claims are known by then.
     */
    async function deleteJob(id: string, raw: Record<string, any>): Promise<void> {
        const prev = withoutProvider(raw) as unknown as Outputs;
        const { domainId, jobId } = prev.jobId ? { domainId: prev.domainId, jobId: prev.jobId } : parseId(id);
        const ctx = new CallContext(prev);
        const { noun, verb } = kind;
        if (!prev[kind.deleteInput]) {
            const count = kind.recordedCreatedCount(prev);
            const kept = count ? `; its ${count} ${verb} ${noun}(s) stay in the domain` : "";
            ctx.log.info(`forgetting job ${jobId} (Voice ID has no job deletion)${kept}`);
            return;
        }
        if (!isSuccess(prev.jobStatus)) {
            if (isRunning(prev.jobStatus)) {
                ctx.log.warn(`job ${jobId} is still ${prev.jobStatus}: ${noun}s it ${verb.replace(/ed$/, "s")} after now are not deleted`);
            }
            ctx.log.info(`forgetting job ${jobId} (${prev.jobStatus}); no ${kind.resultsNoun} to delete`);
            return;
        }
        const claimsCtx = { api: ctx.api, s3: ctx.companion("S3"), retry: () => ctx.retryOptions() };
        const created = await createdIdsOf(ctx, prev, jobId);
        const handovers = prev.outputDataConfig ? await readHandovers(claimsCtx, { jobId, outputDataConfig: prev.outputDataConfig }) : [];
        const ids = [...new Set([...created, ...handovers.flatMap((h) => h.ids)])];
        const since = earliest([prev.createdAt, ...handovers.map((h) => h.fromCreatedAt)]);
        const claims = await findClaims(claimsCtx, kind, domainId, ids, since, new Set([jobId, ...handovers.map((h) => h.fromJobId)]));
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
                if (!isNotFound(err)) throw ctx.error(`${TYPE}: deleting ${noun}s of job ${jobId} failed after ${deleted}: ${errorSummary(err)}`);
            }
        }
        const gone = doomed.length - deleted;
        ctx.log.info(
            `deleted ${deleted} ${noun}(s) of job ${jobId}${gone ? ` (${gone} already gone)` : ""}` +
                `${kept ? `; kept ${kept} that later job(s) found again (handed over to them)` : ""}; forgetting the job`,
        );
    }

    /** The ids the job newly created: from its output file, else from the recorded (untruncated) list. */
    async function createdIdsOf(ctx: CallContext, prev: Outputs, jobId: string): Promise<string[]> {
        const fromFile = prev.inputDataConfig && prev.outputDataConfig ? await readResults(ctx, prev, { jobId }, true) : undefined;
        if (fromFile?.resultsStatus === "read") return fromFile.createdIds;
        const recorded = prev.resultsTruncated ? undefined : kind.recordedCreatedIds(prev);
        if (recorded) return recorded;
        throw ctx.error(
            `${TYPE}: cannot list the ${kind.noun}s job ${jobId} ${kind.verb} (output file ${fromFile?.resultsStatus ?? "unavailable"} and the recorded list is truncated); ` +
                `fix access to ${fromFile?.outputFileS3Uri ?? "the output file"} or unset ${kind.deleteInput} to only forget the job`,
        );
    }

    /** Hands each claimed object over to its claimer (a record beside its output file, the kind's move); returns how many. */
    async function handOver(ctx: CallContext, claimsCtx: ClaimsContext, domainId: string, prev: Outputs, jobId: string, claims: Claims): Promise<number> {
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

    return { check, diff, create, read, update, delete: deleteJob, parseResourceId: parseId };
}
