/**
 * The generic durable job loop: runs batch jobs of every kind (jobs/kinds/) in the background.
 * Progress is durable per request: each request's effect (a fraudster, a speaker) and its
 * result row commit in one SQLite transaction, so after a kill -9 the restarted runner skips
 * exactly the requests already done and does nobody twice. What a request does and what the
 * output file says is the kind's business; reading the manifest and audio as the data access
 * role, pacing, progress, failures and writing the output with SSE-KMS are this loop's.
 * @module
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import type { OperationContext } from "../context";
import type { JobRow, JobRequestRow } from "../store";
import { JobFailure, RequestError } from "../errors";
import { assumeDataAccessRole, parseS3Uri, s3ObjectArn, type RoleSession } from "../aws";
import { computeVoiceprint, type Voiceprint } from "../voice/voiceprint";
import { errorName, httpStatus, transient, validateSpecs, readAudio, getObject } from "../audio";
import type { JobKind, StoredJobRequest } from "./kind";
import { JOB_KINDS } from "./kinds";
import { parseManifest, type ManifestEntry } from "./manifest";
import { FraudsterSearch } from "../voice/fraudSearch";

const MAX_MANIFEST_BYTES = 50 * 1024 * 1024;

export class JobRunner {
    private readonly running = new Map<string, Promise<void>>();
    private stopped = false;
    private readonly wakers = new Set<() => void>();

    constructor(private readonly ctx: OperationContext) {}

    /** Starts (or resumes) every unfinished job. Call after each submission and at start-up. */
    poke(): void {
        if (this.stopped) return;
        for (const job of this.ctx.store.unfinishedJobs()) {
            if (this.running.has(job.id)) continue;
            const p = this.run(job.id)
                .catch((e) =>
                    this.ctx.log.error("job runner crashed", {
                        jobId: job.id,
                        error: String((e as Error)?.message ?? e),
                    }),
                )
                .finally(() => this.running.delete(job.id));
            this.running.set(job.id, p);
        }
    }

    /** Stops all jobs at their next checkpoint; their state stays resumable. */
    async stop(): Promise<void> {
        this.stopped = true;
        for (const w of this.wakers) w();
        await Promise.allSettled([...this.running.values()]);
    }

    get activeJobs(): number {
        return this.running.size;
    }

    private sleep(ms: number): Promise<void> {
        if (ms <= 0 || this.stopped) return Promise.resolve();
        return new Promise((resolve) => {
            const done = () => {
                clearTimeout(t);
                this.wakers.delete(done);
                resolve();
            };
            const t = setTimeout(done, ms);
            this.wakers.add(done);
        });
    }

    private readonly withRetry = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
        for (let attempt = 0; ; attempt++) {
            try {
                return await fn();
            } catch (e) {
                if (!transient(e) || attempt >= 5 || this.stopped) throw e;
                this.ctx.log.warn("transient AWS error, retrying", { what, attempt, error: errorName(e) || String(e) });
                await this.sleep(Math.min(3000, 200 * 2 ** attempt));
            }
        }
    };

    private fail(job: JobRow, code: number, message: string): void {
        const now = this.ctx.now();
        this.ctx.store.tx(() =>
            this.ctx.store.updateJob(job.id, {
                status: "FAILED",
                failure_code: code,
                failure_message: message,
                ended_at: now,
            }),
        );
        this.ctx.log.info("job failed", {
            domainId: job.domain_id,
            jobId: job.id,
            kind: job.kind,
            statusCode: code,
            reason: message,
        });
    }

    private async run(jobId: string): Promise<void> {
        const { store, config, log } = this.ctx;
        let job = store.getJobById(jobId)!;
        const kind = JOB_KINDS[job.kind];
        if (job.status === "SUBMITTED") {
            await this.sleep(config.jobStartDelayMs);
            if (this.stopped) return;
            store.tx(() => store.updateJob(jobId, { status: "IN_PROGRESS", started_at: this.ctx.now() }));
            job = store.getJobById(jobId)!;
            log.info("job started", { domainId: job.domain_id, jobId, kind: job.kind });
        } else {
            log.info("job resumed", { domainId: job.domain_id, jobId, kind: job.kind, percent: job.percent });
        }
        if (!kind) return this.fail(job, 500, `Internal failure: unknown job kind ${job.kind}`);
        const request = JSON.parse(job.request) as StoredJobRequest;
        const domain = store.getDomain(job.domain_id);
        if (!domain || domain.status !== "ACTIVE") return this.fail(job, 409, "The domain is no longer active");

        let session: RoleSession | undefined;
        try {
            session = await this.withRetry("assume role", () =>
                assumeDataAccessRole(config, request.DataAccessRoleArn, domain.arn, `voiceid-${jobId}`),
            );
            if (this.stopped) return;
            const outputKeyArn = await this.checkOutputKey(session, request);
            let entries: ManifestEntry[];
            if (job.manifest === null) {
                entries = await this.readManifest(session, kind, request.InputDataConfig.S3Uri);
                store.tx(() => store.updateJob(jobId, { manifest: JSON.stringify(entries) }));
            } else {
                entries = JSON.parse(job.manifest) as ManifestEntry[];
            }
            await this.processRequests(job, kind, request, entries, session);
            if (this.stopped) return;
            await this.writeOutput(job, kind, request, session, outputKeyArn);
        } catch (e) {
            if (this.stopped && !(e instanceof JobFailure)) return; // resumable: state is in the db
            if (e instanceof JobFailure) return this.fail(job, e.statusCode, e.message);
            log.error("job failed on an unexpected error", { jobId, error: errorName(e) || String(e) });
            return this.fail(job, 500, `Internal failure while processing the job: ${errorName(e) || "error"}`);
        } finally {
            session?.destroy();
        }
    }

    /** Verifies the output KMS key exists, is enabled and usable by the role; returns its ARN. */
    private async checkOutputKey(session: RoleSession, request: StoredJobRequest): Promise<string | undefined> {
        const keyId = request.OutputDataConfig.KmsKeyId;
        const { bucket, key } = parseS3Uri(request.OutputDataConfig.S3Uri);
        if (
            !session.permissions.allows("s3:PutObject", s3ObjectArn(bucket, key ? `${key.replace(/\/$/, "")}/x` : "x"))
        ) {
            throw new JobFailure(
                403,
                `The data access role is not allowed s3:PutObject on the output location ${request.OutputDataConfig.S3Uri}`,
            );
        }
        if (keyId === undefined) return undefined;
        let meta;
        try {
            meta = (
                await this.withRetry("describe key", () => session.kms.send(new DescribeKeyCommand({ KeyId: keyId })))
            ).KeyMetadata;
        } catch (e) {
            if (errorName(e) === "NotFoundException")
                throw new JobFailure(400, `The output KMS key ${keyId} does not exist`);
            if (errorName(e) === "AccessDeniedException")
                throw new JobFailure(403, `The data access role cannot use the output KMS key ${keyId}`);
            throw e;
        }
        if (!meta?.Arn) throw new JobFailure(400, `The output KMS key ${keyId} does not exist`);
        if (meta.Enabled === false || (meta.KeyState && meta.KeyState !== "Enabled")) {
            throw new JobFailure(400, `The output KMS key ${keyId} is not enabled (state ${meta.KeyState})`);
        }
        if (meta.KeyUsage && meta.KeyUsage !== "ENCRYPT_DECRYPT")
            throw new JobFailure(400, `The output KMS key ${keyId} is not a symmetric encryption key`);
        for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
            if (!session.permissions.allows(action, meta.Arn)) {
                throw new JobFailure(
                    403,
                    `The data access role is not allowed ${action} on the output KMS key ${meta.Arn}`,
                );
            }
        }
        return meta.Arn;
    }

    private async readManifest(session: RoleSession, kind: JobKind, uri: string): Promise<ManifestEntry[]> {
        const { key } = parseS3Uri(uri);
        if (!key || key.endsWith("/"))
            throw new JobFailure(400, `The input S3 URI ${uri} must name a manifest file, not a folder`);
        let body: Buffer;
        try {
            body = await getObject(session, uri, MAX_MANIFEST_BYTES, this.withRetry);
        } catch (e) {
            if (e instanceof RequestError) throw new JobFailure(e.code, `Cannot read the input manifest: ${e.message}`);
            throw e;
        }
        return parseManifest(body, uri, kind.manifestKey);
    }

    private requestDelay(job: JobRow, index: number, total: number, audioSeconds: number): number {
        const { config } = this.ctx;
        if (config.jobDurationMs > 0) {
            // Paced against the job's start so the total duration holds whatever the CPU time was.
            const target = (job.started_at ?? job.created_at) + (config.jobDurationMs * (index + 1)) / total;
            return target - this.ctx.now();
        }
        return (
            config.requestDelayMs +
            (config.audioSecondsPerSecond > 0 ? (audioSeconds / config.audioSecondsPerSecond) * 1000 : 0)
        );
    }

    private async processRequests(
        job: JobRow,
        kind: JobKind,
        request: StoredJobRequest,
        entries: ManifestEntry[],
        session: RoleSession,
    ): Promise<void> {
        const { store } = this.ctx;
        const kindConfig = request[kind.configKey] as Record<string, unknown>;
        const done = new Map(store.jobRequests(job.id).map((r) => [r.idx, r]));
        const seenIds = new Set<string>([...done.values()].map((r) => r.request_id));
        const total = entries.length;
        for (let idx = 0; idx < total; idx++) {
            if (this.stopped) return;
            if (done.has(idx)) continue;
            const raw = entries[idx];
            const entry: ManifestEntry = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
            const requestId =
                typeof entry.RequestId === "string" ? entry.RequestId : String(entry.RequestId ?? `#${idx + 1}`);
            const row: JobRequestRow = {
                job_id: job.id,
                idx,
                request_id: requestId,
                outcome: "ERROR",
                result_id: null,
                score: null,
                error_code: null,
                error_message: null,
            };
            let voiceprint: Voiceprint | undefined;
            let audioSeconds = 0;
            try {
                if (typeof entry.RequestId !== "string" || entry.RequestId.length === 0)
                    throw new RequestError(400, "RequestId is required and must be a non-empty string");
                if (seenIds.has(requestId))
                    throw new RequestError(400, `RequestId ${requestId} is not unique in the input file`);
                kind.checkEntry(entry);
                const specs = validateSpecs(entry.AudioSpecifications);
                const audio = await readAudio(session, specs, this.withRetry);
                audioSeconds = audio.audioSeconds;
                voiceprint = computeVoiceprint(audio.channels);
                if (voiceprint.speechSeconds < this.ctx.config.minSpeechSeconds) {
                    throw new RequestError(
                        400,
                        `Not enough speech: ${voiceprint.speechSeconds.toFixed(1)} s found, at least ${this.ctx.config.minSpeechSeconds} s needed`,
                    );
                }
            } catch (e) {
                if (!(e instanceof RequestError)) throw e;
                voiceprint = undefined;
                setError(row, e);
            }
            seenIds.add(requestId);

            // The search's pages run between API requests; the transaction below only compares with
            // what was added meanwhile.
            const search =
                voiceprint &&
                new FraudsterSearch(store, job.domain_id, voiceprint, kind.fraudsterScope(kindConfig).watchlistIds);
            await search?.advance(() => this.stopped);
            await this.sleep(this.requestDelay(job, idx, total, audioSeconds));
            if (this.stopped) return;
            const percent = Math.min(99, Math.floor(((idx + 1) * 100) / total));
            store.tx(() => {
                const current = store.getJobById(job.id);
                if (!current || current.status !== "IN_PROGRESS")
                    throw new JobFailure(409, "The job is no longer in progress");
                if (voiceprint) {
                    try {
                        kind.apply(this.ctx, job, kindConfig, entry, row, voiceprint, () => search?.finish());
                    } catch (e) {
                        if (!(e instanceof RequestError)) throw e;
                        setError(row, e);
                    }
                }
                store.insertJobRequest(row);
                store.updateJob(job.id, { percent });
            });
        }
    }

    private async writeOutput(
        job: JobRow,
        kind: JobKind,
        request: StoredJobRequest,
        session: RoleSession,
        kmsKeyArn: string | undefined,
    ): Promise<void> {
        const { store } = this.ctx;
        const rows = store.jobRequests(job.id);
        const errors = rows
            .filter((r) => r.outcome === "ERROR")
            .map((r) => ({ RequestId: r.request_id, ErrorCode: r.error_code, ErrorMessage: r.error_message }));
        const output = { Version: "1.0", Errors: errors, ...kind.output(rows) };
        const out = outputLocation(request.OutputDataConfig.S3Uri, job.id, request.InputDataConfig.S3Uri);
        try {
            await this.withRetry("put output", () =>
                session.s3.send(
                    new PutObjectCommand({
                        Bucket: out.bucket,
                        Key: out.key,
                        Body: JSON.stringify(output, null, 2),
                        ContentType: "application/json",
                        ...(kmsKeyArn
                            ? { ServerSideEncryption: "aws:kms", SSEKMSKeyId: request.OutputDataConfig.KmsKeyId }
                            : {}),
                    }),
                ),
            );
        } catch (e) {
            const name = errorName(e);
            if (name === "NoSuchBucket")
                throw new JobFailure(400, `Cannot write the output file: bucket ${out.bucket} does not exist`);
            if (name === "AccessDenied" || httpStatus(e) === 403)
                throw new JobFailure(403, `Cannot write the output file s3://${out.bucket}/${out.key}: access denied`);
            if (httpStatus(e) !== undefined && httpStatus(e)! < 500)
                throw new JobFailure(400, `Cannot write the output file s3://${out.bucket}/${out.key}: ${name}`);
            throw e;
        }
        const status = errors.length > 0 ? "COMPLETED_WITH_ERRORS" : "COMPLETED";
        store.tx(() => store.updateJob(job.id, { status, percent: 100, ended_at: this.ctx.now() }));
        const counts: Record<string, number> = {};
        for (const r of rows) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
        this.ctx.log.info("job finished", {
            domainId: job.domain_id,
            jobId: job.id,
            kind: job.kind,
            status,
            outcomes: counts,
        });
    }
}

function setError(row: JobRequestRow, e: RequestError): void {
    row.outcome = "ERROR";
    row.result_id = null;
    row.score = null;
    row.error_code = e.code;
    row.error_message = e.message;
}

/** `<output folder>/<JobId>/<input file name>.out` */
export function outputLocation(outputUri: string, jobId: string, inputUri: string): { bucket: string; key: string } {
    const { bucket, key } = parseS3Uri(outputUri);
    const inputName = inputUri.slice(inputUri.lastIndexOf("/") + 1);
    const prefix = key.replace(/\/+$/, "");
    return { bucket, key: `${prefix ? prefix + "/" : ""}${jobId}/${inputName}.out` };
}
