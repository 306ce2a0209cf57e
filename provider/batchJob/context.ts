/**
 * The context of one batch-job operation (the shared one, `shared/callContext.ts`, with the
 * kind's calls) and the shapes every part of the core records: status fields, final outputs.
 * @module
 */
import { CallContext } from "../shared/callContext";
import { prune } from "../shared/data";
import { BatchJobApi, JobView } from "./api";
import type { BaseJobInputs, BaseJobOutputs } from "./args";
import type { JobKind } from "./kind";

/** A kind's inputs as the provider receives them. */
export type Inputs = BaseJobInputs & Record<string, any>;
/** A kind's outputs as recorded. */
export type Outputs = BaseJobOutputs & Record<string, any>;

/** A job operation's context, with the kind's calls; the job name is masked by default. */
export class JobContext extends CallContext {
    readonly api: BatchJobApi;

    constructor(
        readonly kind: JobKind,
        inputs: Partial<Inputs>,
        budgetSeconds?: number,
        secrets: () => (string | undefined)[] = () => [inputs.jobName],
    ) {
        super(inputs, secrets, budgetSeconds);
        this.api = this.calls((settings, retry) => new BatchJobApi(settings, retry, kind.commands));
    }

    /** Local time the job started: its CreatedAt, but never in the future (clock skew). */
    anchorOf(job: JobView): number {
        const now = this.clock.now();
        return job.createdAt ? Math.min(now, job.createdAt.getTime()) : now;
    }
}

/** Status fields of the outputs for a job view. */
export function statusFields(job: JobView): Partial<Outputs> {
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
export function finish(outs: Partial<Outputs>): Outputs {
    return prune(outs) as Outputs;
}

/** `job <id> FAILED: <code> <message>` */
export function failureMessage(job: JobView): string {
    const d = job.failureDetails;
    return `job ${job.jobId} FAILED${d ? `: ${d.statusCode ?? ""} ${d.message ?? ""}`.trimEnd() : ""}`;
}

/** `<domainId>/<jobId>` */
export function resourceId(domainId: string, jobId: string): string {
    return `${domainId}/${jobId}`;
}

/** Splits a resource id; throws a clear error for anything else (e.g. a bad `import` id). */
export function parseResourceId(type: string, id: string): { domainId: string; jobId: string } {
    const m = /^([a-zA-Z0-9]{22})\/([a-zA-Z0-9]{22})$/.exec(id ?? "");
    if (!m)
        throw new Error(
            `${type}: id must be "<domainId>/<jobId>" (two ids of 22 letters or digits), got ${JSON.stringify(id)}`,
        );
    return { domainId: m[1], jobId: m[2] };
}

/** The job an operation on recorded outputs is about: the outputs name it when they can, else the id. */
export function recordedJob(type: string, id: string, prev: Partial<Outputs>): { domainId: string; jobId: string } {
    return prev.jobId && prev.domainId ? { domainId: prev.domainId, jobId: prev.jobId } : parseResourceId(type, id);
}
