import type { JobRow } from "../store";
import { newId } from "../ids";
import { notFound, quotaExceeded } from "../errors";
import { type Handler, type OperationContext, ts, requireDomain, requireActiveDomain, checkClientToken, decodeNextToken, page } from "./context";
import { requireWatchlist } from "./watchlists";

/** The job-defining parameters as stored (RegistrationConfig with its defaults filled in). */
export interface JobRequest {
  DataAccessRoleArn: string;
  InputDataConfig: { S3Uri: string };
  OutputDataConfig: { S3Uri: string; KmsKeyId?: string };
  RegistrationConfig: { DuplicateRegistrationAction: "SKIP" | "REGISTER_AS_NEW"; FraudsterSimilarityThreshold: number; WatchlistIds: string[] };
  JobName?: string;
}

function summary(j: JobRow): Record<string, unknown> {
  return {
    CreatedAt: ts(j.created_at),
    DomainId: j.domain_id,
    EndedAt: ts(j.ended_at),
    FailureDetails: j.failure_code !== null ? { StatusCode: j.failure_code, Message: j.failure_message ?? "" } : undefined,
    JobId: j.id,
    JobName: j.name ?? undefined,
    JobProgress: { PercentComplete: j.percent },
    JobStatus: j.status,
  };
}

export function renderJob(j: JobRow): Record<string, unknown> {
  const r = JSON.parse(j.request) as JobRequest;
  return {
    ...summary(j),
    DataAccessRoleArn: r.DataAccessRoleArn,
    InputDataConfig: r.InputDataConfig,
    OutputDataConfig: r.OutputDataConfig,
    RegistrationConfig: r.RegistrationConfig,
  };
}

function requireJob(ctx: OperationContext, domainId: string, jobId: string): JobRow {
  const j = ctx.store.getJob(domainId, jobId);
  if (!j) throw notFound("BATCH_JOB", `Fraudster registration job ${jobId} not found in domain ${domainId}`);
  return j;
}

const startJob: Handler = (ctx, input) => {
  requireDomain(ctx, input.DomainId);
  const { hash, existing } = checkClientToken(ctx, "StartFraudsterRegistrationJob", input);
  if (existing) return { Job: renderJob(requireJob(ctx, input.DomainId, existing)) };
  const d = requireActiveDomain(ctx, input.DomainId);
  const rc = input.RegistrationConfig ?? {};
  const watchlistIds: string[] = rc.WatchlistIds ?? [d.default_watchlist_id];
  for (const w of watchlistIds) requireWatchlist(ctx, d.id, w);
  const request: JobRequest = {
    DataAccessRoleArn: input.DataAccessRoleArn,
    InputDataConfig: { S3Uri: input.InputDataConfig.S3Uri },
    OutputDataConfig: {
      S3Uri: input.OutputDataConfig.S3Uri,
      ...(input.OutputDataConfig.KmsKeyId !== undefined ? { KmsKeyId: input.OutputDataConfig.KmsKeyId } : {}),
    },
    RegistrationConfig: {
      DuplicateRegistrationAction: rc.DuplicateRegistrationAction ?? "SKIP",
      FraudsterSimilarityThreshold: rc.FraudsterSimilarityThreshold ?? ctx.config.defaultSimilarityThreshold,
      WatchlistIds: watchlistIds,
    },
    ...(input.JobName !== undefined ? { JobName: input.JobName } : {}),
  };
  const now = ctx.now();
  const row: JobRow = {
    id: newId(),
    domain_id: d.id,
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
        `The domain already has ${ctx.config.maxConcurrentJobsPerDomain} fraudster registration jobs in progress; wait for one to finish`,
      );
    }
    ctx.store.insertJob(row);
    if (input.ClientToken) ctx.store.putToken("StartFraudsterRegistrationJob", input.ClientToken, hash, row.id, now);
  });
  ctx.log.info("job submitted", { domainId: d.id, jobId: row.id });
  ctx.notifyJobs();
  return { Job: renderJob(row) };
};

const describeJob: Handler = (ctx, input) => {
  requireDomain(ctx, input.DomainId);
  return { Job: renderJob(requireJob(ctx, input.DomainId, input.JobId)) };
};

const listJobs: Handler = (ctx, input) => {
  requireDomain(ctx, input.DomainId);
  const limit = input.MaxResults ?? 100;
  const scope = `jobs/${input.DomainId}/${input.JobStatus ?? ""}`;
  const after = decodeNextToken(input.NextToken, scope);
  const { items, nextToken } = page(ctx.store.listJobs(input.DomainId, input.JobStatus, after, limit + 1), limit, scope);
  return { JobSummaries: items.map(summary), NextToken: nextToken };
};

export const jobHandlers: Record<string, Handler> = {
  StartFraudsterRegistrationJob: startJob,
  DescribeFraudsterRegistrationJob: describeJob,
  ListFraudsterRegistrationJobs: listJobs,
};
