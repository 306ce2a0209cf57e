/**
 * Start / Describe / List of batch jobs, the same for every job kind (jobs/kinds/): a kind
 * supplies its operation names and config defaults; the quota is per domain over all kinds.
 * @module
 */
import type { JobRow } from "../store";
import { newId } from "../ids";
import { notFound, quotaExceeded } from "../errors";
import type { JobKind, StoredJobRequest } from "../jobs/kind";
import { JOB_KINDS } from "../jobs/kinds";
import type { OperationContext } from "../context";
import { type Handler, ts, requireDomain, requireActiveDomain, checkClientToken, listPage } from "./context";

function summary(j: JobRow): Record<string, unknown> {
    return {
        CreatedAt: ts(j.created_at),
        DomainId: j.domain_id,
        EndedAt: ts(j.ended_at),
        FailureDetails:
            j.failure_code !== null ? { StatusCode: j.failure_code, Message: j.failure_message ?? "" } : undefined,
        JobId: j.id,
        JobName: j.name ?? undefined,
        JobProgress: { PercentComplete: j.percent },
        JobStatus: j.status,
    };
}

export function renderJob(j: JobRow): Record<string, unknown> {
    const { JobName: _name, ...r } = JSON.parse(j.request) as StoredJobRequest;
    return { ...summary(j), ...r };
}

function requireJob(ctx: OperationContext, kind: JobKind, domainId: string, jobId: string): JobRow {
    const j = ctx.store.getJob(domainId, kind.name, jobId);
    if (!j)
        throw notFound(
            "BATCH_JOB",
            `${kind.label[0].toUpperCase()}${kind.label.slice(1)} job ${jobId} not found in domain ${domainId}`,
        );
    return j;
}

function handlersOf(kind: JobKind): Record<string, Handler> {
    const start: Handler = (ctx, input) => {
        requireDomain(ctx, input.DomainId);
        const { hash, existing } = checkClientToken(ctx, kind.operations.start, input);
        if (existing) return { Job: renderJob(requireJob(ctx, kind, input.DomainId, existing)) };
        const d = requireActiveDomain(ctx, input.DomainId);
        const request: StoredJobRequest = {
            DataAccessRoleArn: input.DataAccessRoleArn,
            InputDataConfig: { S3Uri: input.InputDataConfig.S3Uri },
            OutputDataConfig: {
                S3Uri: input.OutputDataConfig.S3Uri,
                ...(input.OutputDataConfig.KmsKeyId !== undefined ? { KmsKeyId: input.OutputDataConfig.KmsKeyId } : {}),
            },
            [kind.configKey]: kind.normalizeConfig(ctx, d, input[kind.configKey] ?? {}),
            ...(input.JobName !== undefined ? { JobName: input.JobName } : {}),
        };
        const now = ctx.now();
        const row: JobRow = {
            id: newId(),
            domain_id: d.id,
            kind: kind.name,
            name: input.JobName ?? null,
            status: "SUBMITTED",
            request: JSON.stringify(request),
            manifest: null,
            percent: 0,
            failure_code: null,
            failure_message: null,
            created_at: now,
            started_at: null,
            ended_at: null,
        };
        // The quota check and the insert share one transaction so two concurrent starts cannot both
        // take the last slot.
        ctx.store.tx(() => {
            if (ctx.store.countActiveJobs(d.id) >= ctx.config.maxConcurrentJobsPerDomain) {
                throw quotaExceeded(
                    `The domain already has ${ctx.config.maxConcurrentJobsPerDomain} fraudster registration and speaker enrollment jobs in progress; wait for one to finish`,
                );
            }
            ctx.store.insertJob(row);
            if (input.ClientToken) ctx.store.putToken(kind.operations.start, input.ClientToken, hash, row.id, now);
        });
        ctx.log.info("job submitted", { domainId: d.id, jobId: row.id, kind: kind.name });
        ctx.notifyJobs();
        return { Job: renderJob(row) };
    };

    const describe: Handler = (ctx, input) => {
        requireDomain(ctx, input.DomainId);
        return { Job: renderJob(requireJob(ctx, kind, input.DomainId, input.JobId)) };
    };

    const list: Handler = (ctx, input) => {
        requireDomain(ctx, input.DomainId);
        const scope = `jobs/${kind.name}/${input.DomainId}/${input.JobStatus ?? ""}`;
        const { items, nextToken } = listPage(input, scope, (after, count) =>
            ctx.store.listJobs(input.DomainId, kind.name, input.JobStatus, after, count),
        );
        return { JobSummaries: items.map(summary), NextToken: nextToken };
    };

    return { [kind.operations.start]: start, [kind.operations.describe]: describe, [kind.operations.list]: list };
}

export const jobHandlers: Record<string, Handler> = Object.assign({}, ...Object.values(JOB_KINDS).map(handlersOf));
