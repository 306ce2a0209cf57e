// Runs fraudster registration jobs in the background. Progress is durable per request: each
// request's fraudster and its result row commit in one SQLite transaction, so after a kill -9
// the restarted runner skips exactly the requests already done and registers nobody twice.
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import type { OperationContext } from "../operations/context";
import type { JobRow, JobRequestRow } from "../store";
import type { JobRequest } from "../operations/jobs";
import { JobFailure, assumeDataAccessRole, parseS3Uri, s3ObjectArn, type RoleSession } from "../aws";
import { parseWav, WavError } from "../wav";
import { computeVoiceprint, similarity, type Voiceprint } from "../voiceprint";
import { newFraudsterId } from "../ids";
import { parseManifest, type ManifestRequest } from "./manifest";

const MAX_AUDIO_BYTES = 20 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 50 * 1024 * 1024;
const MAX_AUDIO_FILES = 10;
const S3_URI = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;

/** A per-request problem: goes to the output file's Errors. */
class RequestError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

const errorName = (e: unknown) => (e as { name?: string; Code?: string })?.name ?? "";
const httpStatus = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

/** True for failures worth retrying (connection errors, 5xx, throttling). */
function transient(e: unknown): boolean {
  if (e instanceof JobFailure || e instanceof RequestError) return false;
  const status = httpStatus(e);
  if (status !== undefined) return status >= 500 || status === 429;
  return true; // no HTTP status: the connection itself failed
}

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
        .catch((e) => this.ctx.log.error("job runner crashed", { jobId: job.id, error: String((e as Error)?.message ?? e) }))
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

  private async withRetry<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (!transient(e) || attempt >= 5 || this.stopped) throw e;
        this.ctx.log.warn("transient AWS error, retrying", { what, attempt, error: errorName(e) || String(e) });
        await this.sleep(Math.min(3000, 200 * 2 ** attempt));
      }
    }
  }

  private fail(job: JobRow, code: number, message: string): void {
    const now = this.ctx.now();
    this.ctx.store.tx(() =>
      this.ctx.store.updateJob(job.id, { status: "FAILED", failure_code: code, failure_message: message, ended_at: now }),
    );
    this.ctx.log.info("job failed", { domainId: job.domain_id, jobId: job.id, statusCode: code, reason: message });
  }

  private async run(jobId: string): Promise<void> {
    const { store, config, log } = this.ctx;
    let job = store.getJobById(jobId)!;
    if (job.status === "SUBMITTED") {
      await this.sleep(config.jobStartDelayMs);
      if (this.stopped) return;
      store.tx(() => store.updateJob(jobId, { status: "IN_PROGRESS", started_at: this.ctx.now() }));
      job = store.getJobById(jobId)!;
      log.info("job started", { domainId: job.domain_id, jobId });
    } else {
      log.info("job resumed", { domainId: job.domain_id, jobId, percent: job.percent });
    }
    const request = JSON.parse(job.request) as JobRequest;
    const domain = store.getDomain(job.domain_id);
    if (!domain || domain.status !== "ACTIVE") return this.fail(job, 409, "The domain is no longer active");

    let session: RoleSession | undefined;
    try {
      session = await this.withRetry("assume role", () => assumeDataAccessRole(config, request.DataAccessRoleArn, domain.arn, `voiceid-${jobId}`));
      if (this.stopped) return;
      const outputKeyArn = await this.checkOutputKey(session, request);
      let requests: ManifestRequest[];
      if (job.manifest === null) {
        requests = await this.readManifest(session, request.InputDataConfig.S3Uri);
        store.tx(() => store.updateJob(jobId, { manifest: JSON.stringify(requests) }));
      } else {
        requests = JSON.parse(job.manifest) as ManifestRequest[];
      }
      await this.processRequests(job, request, requests, session);
      if (this.stopped) return;
      await this.writeOutput(job, request, session, outputKeyArn);
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
  private async checkOutputKey(session: RoleSession, request: JobRequest): Promise<string | undefined> {
    const keyId = request.OutputDataConfig.KmsKeyId;
    const { bucket, key } = parseS3Uri(request.OutputDataConfig.S3Uri);
    if (!session.permissions.allows("s3:PutObject", s3ObjectArn(bucket, key ? `${key.replace(/\/$/, "")}/x` : "x"))) {
      throw new JobFailure(403, `The data access role is not allowed s3:PutObject on the output location ${request.OutputDataConfig.S3Uri}`);
    }
    if (keyId === undefined) return undefined;
    let meta;
    try {
      meta = (await this.withRetry("describe key", () => session.kms.send(new DescribeKeyCommand({ KeyId: keyId })))).KeyMetadata;
    } catch (e) {
      if (errorName(e) === "NotFoundException") throw new JobFailure(400, `The output KMS key ${keyId} does not exist`);
      if (errorName(e) === "AccessDeniedException") throw new JobFailure(403, `The data access role cannot use the output KMS key ${keyId}`);
      throw e;
    }
    if (!meta?.Arn) throw new JobFailure(400, `The output KMS key ${keyId} does not exist`);
    if (meta.Enabled === false || (meta.KeyState && meta.KeyState !== "Enabled")) {
      throw new JobFailure(400, `The output KMS key ${keyId} is not enabled (state ${meta.KeyState})`);
    }
    if (meta.KeyUsage && meta.KeyUsage !== "ENCRYPT_DECRYPT") throw new JobFailure(400, `The output KMS key ${keyId} is not a symmetric encryption key`);
    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
      if (!session.permissions.allows(action, meta.Arn)) {
        throw new JobFailure(403, `The data access role is not allowed ${action} on the output KMS key ${meta.Arn}`);
      }
    }
    return meta.Arn;
  }

  /** Reads an object as the role, enforcing its s3:GetObject and kms:Decrypt permissions. */
  private async getObject(session: RoleSession, uri: string, maxBytes: number): Promise<Buffer> {
    const { bucket, key } = parseS3Uri(uri);
    if (!session.permissions.allows("s3:GetObject", s3ObjectArn(bucket, key))) {
      throw new RequestError(403, `Access denied: the data access role is not allowed s3:GetObject on ${uri}`);
    }
    let res;
    try {
      res = await this.withRetry("get object", () => session.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    } catch (e) {
      const name = errorName(e);
      if (name === "NoSuchKey" || name === "NoSuchBucket" || name === "NotFound") throw new RequestError(400, `The object ${uri} does not exist`);
      if (name === "AccessDenied" || httpStatus(e) === 403) throw new RequestError(403, `Access denied reading ${uri}`);
      throw e;
    }
    if (res.SSEKMSKeyId && !session.permissions.allows("kms:Decrypt", res.SSEKMSKeyId)) {
      res.Body?.transformToByteArray().catch(() => undefined);
      throw new RequestError(403, `Access denied: the data access role is not allowed kms:Decrypt on the key encrypting ${uri}`);
    }
    if ((res.ContentLength ?? 0) > maxBytes) {
      (res.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new RequestError(400, `The object ${uri} is larger than ${maxBytes / 1024 / 1024} MB`);
    }
    return Buffer.from(await res.Body!.transformToByteArray());
  }

  private async readManifest(session: RoleSession, uri: string): Promise<ManifestRequest[]> {
    const { key } = parseS3Uri(uri);
    if (!key || key.endsWith("/")) throw new JobFailure(400, `The input S3 URI ${uri} must name a manifest file, not a folder`);
    let body: Buffer;
    try {
      body = await this.getObject(session, uri, MAX_MANIFEST_BYTES);
    } catch (e) {
      if (e instanceof RequestError) throw new JobFailure(e.code, `Cannot read the input manifest: ${e.message}`);
      throw e;
    }
    return parseManifest(body, uri);
  }

  private requestDelay(job: JobRow, index: number, total: number, audioSeconds: number): number {
    const { config } = this.ctx;
    if (config.jobDurationMs > 0) {
      // Paced against the job's start so the total duration holds whatever the CPU time was.
      const target = (job.started_at ?? job.created_at) + (config.jobDurationMs * (index + 1)) / total;
      return target - this.ctx.now();
    }
    return config.requestDelayMs + (config.audioSecondsPerSecond > 0 ? (audioSeconds / config.audioSecondsPerSecond) * 1000 : 0);
  }

  private async processRequests(job: JobRow, request: JobRequest, requests: ManifestRequest[], session: RoleSession): Promise<void> {
    const { store } = this.ctx;
    const done = new Map(store.jobRequests(job.id).map((r) => [r.idx, r]));
    const seenIds = new Set<string>([...done.values()].map((r) => r.request_id));
    const total = requests.length;
    for (let idx = 0; idx < total; idx++) {
      if (this.stopped) return;
      if (done.has(idx)) continue;
      const raw = requests[idx];
      const requestId = typeof raw?.RequestId === "string" ? raw.RequestId : String(raw?.RequestId ?? `#${idx + 1}`);
      let row: JobRequestRow;
      let voiceprint: Voiceprint | undefined;
      let audioSeconds = 0;
      try {
        if (typeof raw?.RequestId !== "string" || raw.RequestId.length === 0) throw new RequestError(400, "RequestId is required and must be a non-empty string");
        if (seenIds.has(requestId)) throw new RequestError(400, `RequestId ${requestId} is not unique in the input file`);
        const specs = this.validateSpecs(raw.AudioSpecifications);
        const channels: Float32Array[] = [];
        for (const spec of specs) {
          const buf = await this.getObject(session, spec.S3Uri, MAX_AUDIO_BYTES);
          try {
            const wav = parseWav(buf);
            if (spec.ChannelId >= wav.channels) throw new WavError(`ChannelId ${spec.ChannelId} does not exist in ${spec.S3Uri} (${wav.channels} channel${wav.channels > 1 ? "s" : ""})`);
            channels.push(wav.channel(spec.ChannelId));
            audioSeconds += wav.durationSeconds;
          } catch (e) {
            if (e instanceof WavError) throw new RequestError(400, `${spec.S3Uri}: ${e.message}`);
            throw e;
          }
        }
        voiceprint = computeVoiceprint(channels);
        if (voiceprint.speechSeconds < this.ctx.config.minSpeechSeconds) {
          throw new RequestError(400, `Not enough speech: ${voiceprint.speechSeconds.toFixed(1)} s found, at least ${this.ctx.config.minSpeechSeconds} s needed`);
        }
        row = { job_id: job.id, idx, request_id: requestId, outcome: "NEW_REGISTRATION", fraudster_id: null, score: null, error_code: null, error_message: null };
      } catch (e) {
        if (!(e instanceof RequestError)) throw e;
        voiceprint = undefined;
        row = { job_id: job.id, idx, request_id: requestId, outcome: "ERROR", fraudster_id: null, score: null, error_code: e.code, error_message: e.message };
      }
      seenIds.add(requestId);

      await this.sleep(this.requestDelay(job, idx, total, audioSeconds));
      if (this.stopped) return;
      const percent = Math.min(99, Math.floor(((idx + 1) * 100) / total));
      store.tx(() => {
        const current = store.getJobById(job.id);
        if (!current || current.status !== "IN_PROGRESS") throw new JobFailure(409, "The job is no longer in progress");
        if (voiceprint) this.register(job, request, row, voiceprint);
        store.insertJobRequest(row);
        store.updateJob(job.id, { percent });
      });
    }
  }

  /** Duplicate detection and registration; runs inside the request's transaction. */
  private register(job: JobRow, request: JobRequest, row: JobRequestRow, voiceprint: Voiceprint): void {
    const { store } = this.ctx;
    let best: { id: string; score: number } | undefined;
    for (const f of store.domainVoiceprints(job.domain_id)) {
      const score = similarity(voiceprint, JSON.parse(f.voiceprint) as Voiceprint);
      if (!best || score > best.score) best = { id: f.id, score };
    }
    const cfg = request.RegistrationConfig;
    row.score = best?.score ?? 0;
    if (best && best.score >= cfg.FraudsterSimilarityThreshold && cfg.DuplicateRegistrationAction === "SKIP") {
      row.outcome = "DUPLICATE_SKIPPED";
      row.fraudster_id = best.id;
      return;
    }
    row.outcome = "NEW_REGISTRATION";
    row.fraudster_id = newFraudsterId();
    store.insertFraudster(
      { id: row.fraudster_id, domain_id: job.domain_id, voiceprint: JSON.stringify(voiceprint), created_at: this.ctx.now(), job_id: job.id },
      cfg.WatchlistIds,
    );
  }

  private validateSpecs(value: unknown): { S3Uri: string; ChannelId: number }[] {
    if (!Array.isArray(value) || value.length === 0) throw new RequestError(400, "AudioSpecifications must be a non-empty list");
    if (value.length > MAX_AUDIO_FILES) throw new RequestError(400, `AudioSpecifications has ${value.length} entries; at most ${MAX_AUDIO_FILES} are allowed`);
    return value.map((spec, i) => {
      const s = spec as Record<string, unknown>;
      if (!s || typeof s !== "object") throw new RequestError(400, `AudioSpecifications[${i}] must be an object`);
      if (typeof s.S3Uri !== "string" || !S3_URI.test(s.S3Uri) || !/^s3:\/\/[^/]+\/.+/.test(s.S3Uri)) {
        throw new RequestError(400, `AudioSpecifications[${i}].S3Uri must be an s3://bucket/key URI`);
      }
      if (!s.S3Uri.toLowerCase().endsWith(".wav")) throw new RequestError(400, `AudioSpecifications[${i}].S3Uri must name a .wav file`);
      if (s.ChannelId !== 0 && s.ChannelId !== 1) throw new RequestError(400, `AudioSpecifications[${i}].ChannelId must be 0 or 1`);
      return { S3Uri: s.S3Uri, ChannelId: s.ChannelId };
    });
  }

  private async writeOutput(job: JobRow, request: JobRequest, session: RoleSession, kmsKeyArn: string | undefined): Promise<void> {
    const { store } = this.ctx;
    const rows = store.jobRequests(job.id);
    const output = {
      Version: "1.0",
      Errors: rows.filter((r) => r.outcome === "ERROR").map((r) => ({ RequestId: r.request_id, ErrorCode: r.error_code, ErrorMessage: r.error_message })),
      SuccessfulRegistrations: rows
        .filter((r) => r.outcome !== "ERROR")
        .map((r) => ({ RequestId: r.request_id, GeneratedFraudsterId: r.fraudster_id, RegistrationStatus: r.outcome, FraudsterSimilarityScore: r.score ?? 0 })),
    };
    const out = outputLocation(request.OutputDataConfig.S3Uri, job.id, request.InputDataConfig.S3Uri);
    try {
      await this.withRetry("put output", () =>
        session.s3.send(
          new PutObjectCommand({
            Bucket: out.bucket,
            Key: out.key,
            Body: JSON.stringify(output, null, 2),
            ContentType: "application/json",
            ...(kmsKeyArn ? { ServerSideEncryption: "aws:kms", SSEKMSKeyId: request.OutputDataConfig.KmsKeyId } : {}),
          }),
        ),
      );
    } catch (e) {
      const name = errorName(e);
      if (name === "NoSuchBucket") throw new JobFailure(400, `Cannot write the output file: bucket ${out.bucket} does not exist`);
      if (name === "AccessDenied" || httpStatus(e) === 403) throw new JobFailure(403, `Cannot write the output file s3://${out.bucket}/${out.key}: access denied`);
      if (httpStatus(e) !== undefined && httpStatus(e)! < 500) throw new JobFailure(400, `Cannot write the output file s3://${out.bucket}/${out.key}: ${name}`);
      throw e;
    }
    const status = output.Errors.length > 0 ? "COMPLETED_WITH_ERRORS" : "COMPLETED";
    store.tx(() => store.updateJob(job.id, { status, percent: 100, ended_at: this.ctx.now() }));
    this.ctx.log.info("job finished", {
      domainId: job.domain_id,
      jobId: job.id,
      status,
      registered: rows.filter((r) => r.outcome === "NEW_REGISTRATION").length,
      duplicates: rows.filter((r) => r.outcome === "DUPLICATE_SKIPPED").length,
      errors: output.Errors.length,
    });
  }
}

/** `<output folder>/<JobId>/<input file name>.out` */
export function outputLocation(outputUri: string, jobId: string, inputUri: string): { bucket: string; key: string } {
  const { bucket, key } = parseS3Uri(outputUri);
  const inputName = inputUri.slice(inputUri.lastIndexOf("/") + 1);
  const prefix = key.replace(/\/+$/, "");
  return { bucket, key: `${prefix ? prefix + "/" : ""}${jobId}/${inputName}.out` };
}
