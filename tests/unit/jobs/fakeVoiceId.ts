/**
 * An in-memory Voice ID + S3 behind the real SDK clients, for unit tests of the provider.
 *
 * It answers at the seam every provider test uses (`shared/sdkSeam.ts`): commands are built and
 * dispatched by the real SDK but answered here, on the provider's (fake) clock. Jobs follow a
 * script: duration, outcome, results.
 * @module
 */
import * as crypto from "crypto";
import { SdkSeam, sdkError as err } from "../shared/sdkSeam";

export interface JobScript {
    durationMs: number;
    outcome: "COMPLETED" | "COMPLETED_WITH_ERRORS" | "FAILED";
    newRegistrations?: number;
    duplicates?: number;
    /** Existing fraudsters the job reports as DUPLICATE_SKIPPED (it claims them). */
    skips?: string[];
    errors?: number;
}

interface FakeJob {
    id: string;
    domainId: string;
    request: any;
    createdAt: number;
    script: JobScript;
    fraudsters: string[];
}

const id22 = () =>
    crypto
        .randomBytes(16)
        .toString("base64")
        .replace(/[^a-zA-Z0-9]/g, "")
        .padEnd(22, "x")
        .slice(0, 22);

export class FakeVoiceId extends SdkSeam {
    readonly jobs = new Map<string, FakeJob>();
    readonly tokens = new Map<string, { hash: string; jobId: string }>();
    readonly fraudsters = new Set<string>();
    /** Objects written to S3 other than output files (handover records), by key. */
    readonly objects = new Map<string, string>();
    /** Watchlist associations made or removed: `+<fraudster> <watchlist>` / `-<fraudster> <watchlist>`. */
    readonly associations: string[] = [];
    readonly calls: Record<string, number> = {};
    /** Script for the next started jobs (the last one repeats). */
    scripts: JobScript[] = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 2 }];
    maxActive = 2;
    /** Errors to throw before answering the next calls (by command, or "*"). */
    failNext: { command: string; error: () => Error; times: number }[] = [];
    s3Denied = false;

    /** Describe calls made so far. */
    get describes(): number {
        return this.calls.DescribeFraudsterRegistrationJobCommand ?? 0;
    }

    private status(j: FakeJob): { status: string; percent: number; endedAt?: number } {
        const t = this.clock.now() - j.createdAt;
        if (t >= j.script.durationMs)
            return { status: j.script.outcome, percent: 100, endedAt: j.createdAt + j.script.durationMs };
        return { status: "IN_PROGRESS", percent: Math.floor((100 * t) / j.script.durationMs) };
    }

    private render(j: FakeJob) {
        const s = this.status(j);
        if (s.endedAt !== undefined) this.complete(j);
        return {
            JobId: j.id,
            DomainId: j.domainId,
            JobName: j.request.JobName,
            JobStatus: s.status,
            JobProgress: { PercentComplete: s.percent },
            CreatedAt: new Date(j.createdAt),
            EndedAt: s.endedAt ? new Date(s.endedAt) : undefined,
            FailureDetails: s.status === "FAILED" ? { StatusCode: 400, Message: "manifest not found" } : undefined,
            DataAccessRoleArn: j.request.DataAccessRoleArn,
            InputDataConfig: j.request.InputDataConfig,
            OutputDataConfig: j.request.OutputDataConfig,
            RegistrationConfig: {
                DuplicateRegistrationAction: "SKIP",
                FraudsterSimilarityThreshold: 70,
                WatchlistIds: ["W".repeat(22)],
                ...j.request.RegistrationConfig,
            },
        };
    }

    private completed = new Set<string>();
    private complete(j: FakeJob) {
        if (this.completed.has(j.id) || j.script.outcome === "FAILED") return;
        this.completed.add(j.id);
        for (let i = 0; i < (j.script.newRegistrations ?? 0); i++) {
            const f = "id#" + id22();
            j.fraudsters.push(f);
            this.fraudsters.add(f);
        }
    }

    /** The output file of a job, as Voice ID would write it. */
    outputFile(j: FakeJob): string {
        const reg = j.fraudsters.map((f, i) => ({
            RequestId: `new-${i}`,
            GeneratedFraudsterId: f,
            RegistrationStatus: "NEW_REGISTRATION",
            FraudsterSimilarityScore: 10,
        }));
        for (let i = 0; i < (j.script.duplicates ?? 0); i++)
            reg.push({
                RequestId: `dup-${i}`,
                GeneratedFraudsterId: "id#" + "D".repeat(22),
                RegistrationStatus: "DUPLICATE_SKIPPED",
                FraudsterSimilarityScore: 95,
            });
        for (const [i, f] of (j.script.skips ?? []).entries())
            reg.push({
                RequestId: `skip-${i}`,
                GeneratedFraudsterId: f,
                RegistrationStatus: "DUPLICATE_SKIPPED",
                FraudsterSimilarityScore: 90,
            });
        const errors = Array.from({ length: j.script.errors ?? 0 }, (_, i) => ({
            RequestId: `bad-${i}`,
            ErrorCode: 400,
            ErrorMessage: "audio must be 8 kHz",
        }));
        return JSON.stringify({ Version: "1.0", Errors: errors, SuccessfulRegistrations: reg });
    }

    active(domainId: string): FakeJob[] {
        return [...this.jobs.values()].filter(
            (j) => j.domainId === domainId && this.status(j).status === "IN_PROGRESS",
        );
    }

    protected async answer(command: string, input: any): Promise<any> {
        this.calls[command] = (this.calls[command] ?? 0) + 1;
        const f = this.failNext.find((x) => (x.command === command || x.command === "*") && x.times > 0);
        if (f) {
            f.times--;
            throw f.error();
        }
        switch (command) {
            case "StartFraudsterRegistrationJobCommand": {
                const { ClientToken, ...request } = input;
                const hash = JSON.stringify(request);
                const known = this.tokens.get(ClientToken);
                if (known) {
                    if (known.hash !== hash)
                        throw err("ConflictException", 409, "ClientToken reused with a different request");
                    return { Job: this.render(this.jobs.get(known.jobId)!) };
                }
                if (this.active(input.DomainId).length >= this.maxActive)
                    throw err("ServiceQuotaExceededException", 402, "too many jobs");
                const script = this.scripts.length > 1 ? this.scripts.shift()! : this.scripts[0];
                const j: FakeJob = {
                    id: id22(),
                    domainId: input.DomainId,
                    request,
                    createdAt: this.clock.now(),
                    script,
                    fraudsters: [],
                };
                this.jobs.set(j.id, j);
                this.tokens.set(ClientToken, { hash, jobId: j.id });
                return { Job: { ...this.render(j), JobStatus: "SUBMITTED" } };
            }
            case "DescribeFraudsterRegistrationJobCommand": {
                const j = this.jobs.get(input.JobId);
                if (!j || j.domainId !== input.DomainId)
                    throw err("ResourceNotFoundException", 404, "no such job", { ResourceType: "BATCH_JOB" });
                return { Job: this.render(j) };
            }
            case "ListFraudsterRegistrationJobsCommand": {
                const list = [...this.jobs.values()].filter(
                    (j) => j.domainId === input.DomainId && this.status(j).status === input.JobStatus,
                );
                return { JobSummaries: list.map((j) => this.render(j)) };
            }
            case "DescribeFraudsterCommand":
                if (!this.fraudsters.has(input.FraudsterId))
                    throw err("ResourceNotFoundException", 404, "no such fraudster", { ResourceType: "FRAUDSTER" });
                return { Fraudster: { FraudsterId: input.FraudsterId } };
            case "DeleteFraudsterCommand":
                if (!this.fraudsters.delete(input.FraudsterId))
                    throw err("ResourceNotFoundException", 404, "no such fraudster", { ResourceType: "FRAUDSTER" });
                return {};
            case "DescribeDomainCommand":
                return {
                    Domain: { DomainId: input.DomainId, WatchlistDetails: { DefaultWatchlistId: "W".repeat(22) } },
                };
            case "AssociateFraudsterCommand":
            case "DisassociateFraudsterCommand":
                this.associations.push(
                    `${command.startsWith("Associate") ? "+" : "-"}${input.FraudsterId} ${input.WatchlistId}`,
                );
                return {};
            case "PutObjectCommand":
                if (this.s3Denied) throw err("AccessDenied", 403, "Access Denied");
                this.objects.set(input.Key, String(input.Body));
                return {};
            case "ListObjectsV2Command":
                if (this.s3Denied) throw err("AccessDenied", 403, "Access Denied");
                return {
                    Contents: [...this.objects.keys()]
                        .filter((k) => k.startsWith(input.Prefix))
                        .map((Key) => ({ Key })),
                    IsTruncated: false,
                };
            case "GetObjectCommand": {
                if (this.s3Denied) throw err("AccessDenied", 403, "Access Denied");
                const stored = this.objects.get(input.Key);
                if (stored !== undefined) return { Body: { transformToString: async () => stored } };
                const m = /^(.*)\/([^/]+)\/[^/]+\.out$/.exec(input.Key);
                const j = m && this.jobs.get(m[2]);
                if (!j) throw err("NoSuchKey", 404, "The specified key does not exist.");
                const text = this.outputFile(j);
                return { Body: { transformToString: async () => text } };
            }
            default:
                throw new Error(`fake Voice ID: unexpected ${command}`);
        }
    }
}

export const throttling = () => err("ThrottlingException", 429, "Rate exceeded");
export const internal = () => err("InternalServerException", 500, "boom");
export const connectionRefused = () =>
    Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
