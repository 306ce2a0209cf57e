/**
 * Which of a job's objects other jobs still rely on, and how their ownership is handed over.
 *
 * The invariant this serves (docs/jobs.md, "Replacements never empty a watchlist"): a
 * replacement runs the new job first, and the old job's objects (fraudsters, speakers) are deleted
 * only after the new job succeeded, and only those the new job did not find again. A fraudster
 * the new job skipped as a duplicate of the old one, or a speaker it enrolled again, is *claimed*:
 * the new job's output file names it. Deleting it would undo the new job.
 *
 * - Claims are read from the output files of every completed job of the same kind in the domain
 *   created since the objects were made (other than the deleting job, their own registrant, and
 *   the jobs that already handed them over): a later job of another stack counts too, since
 *   deleting under it would break it the same way.
 * - A claimed object is kept and *handed over*: a small record beside the claiming job's output
 *   file (`<output folder>/<jobId>/pulumi-voiceid-handover/<fromJobId>.json`, encrypted with that
 *   job's output key) lists it, so destroying the claiming job later deletes it as its own.
 * - A later job whose output file cannot be read, or that is still running, might claim
 *   anything: nothing is deleted on a guess, the delete fails naming that job.
 * @module
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { s3Client } from "../shared/clients";
import { classifyError, errorSummary } from "../shared/errors";
import { RetryOptions, withRetry } from "../shared/retry";
import { ClientSettings } from "../shared/settings";
import { parseS3Uri } from "../shared/s3Uri";
import { BatchJobApi, JobView, readS3Text } from "./api";
import type { JobKind } from "./kind";
import { outputFileUri } from "./results";
import { isSuccess } from "./status";

/** Folder beside a job's output file holding the objects handed over to it. */
export const HANDOVER_FOLDER = "pulumi-voiceid-handover";

/** A record of objects handed over to a job by the job that created them. */
export interface Handover {
    fromJobId: string;
    /** When the handing job was created: claims are looked for since then. */
    fromCreatedAt?: string;
    ids: string[];
}

/** The claims on a set of objects. */
export interface Claims {
    /** Object id -> the completed job that claims it (the newest one). */
    claimedBy: Map<string, JobView>;
    /** Later jobs whose claims cannot be known (output file unreadable, still running), with why. */
    unreadable: { job: JobView; reason: string }[];
}

/** Where a job's handover records live: `s3://bucket/<output folder>/<jobId>/pulumi-voiceid-handover/`. */
export function handoverPrefix(job: Pick<JobView, "jobId" | "outputDataConfig">): string {
    const folder = (job.outputDataConfig?.s3Uri ?? "").replace(/\/+$/, "");
    return `${folder}/${job.jobId}/${HANDOVER_FOLDER}/`;
}

/** Parses a handover record; undefined for anything that is not one. */
export function parseHandover(text: string): Handover | undefined {
    try {
        const doc = JSON.parse(text);
        if (doc?.Version !== "1.0" || typeof doc.FromJobId !== "string" || !Array.isArray(doc.Ids)) return undefined;
        return {
            fromJobId: doc.FromJobId,
            fromCreatedAt: typeof doc.FromCreatedAt === "string" ? doc.FromCreatedAt : undefined,
            ids: doc.Ids.filter((i: unknown) => typeof i === "string"),
        };
    } catch {
        return undefined;
    }
}

/** The text of a handover record. */
export function handoverText(h: Handover): string {
    return JSON.stringify({
        Version: "1.0",
        FromJobId: h.fromJobId,
        ...(h.fromCreatedAt ? { FromCreatedAt: h.fromCreatedAt } : {}),
        Ids: h.ids,
    });
}

/** What the claims search needs: the kind's calls, S3 as the caller, and a retry policy. */
export interface ClaimsContext {
    api: BatchJobApi;
    s3: ClientSettings;
    retry: () => RetryOptions;
}

/** Jobs of the domain in `statuses` created at or after `since`, except those in `except`. */
async function jobsSince(
    ctx: ClaimsContext,
    domainId: string,
    statuses: string[],
    since: Date | undefined,
    except: ReadonlySet<string>,
): Promise<JobView[]> {
    const listed = (await Promise.all(statuses.map((s) => ctx.api.jobsWithStatus(domainId, s)))).flat();
    return listed.filter(
        (j) => !except.has(j.jobId) && (!since || !j.createdAt || j.createdAt.getTime() >= since.getTime()),
    );
}

/**
 * Which of `ids` completed jobs of the domain claim: jobs created since `since` (other than
 * those in `except`: the deleting job and the jobs that handed objects over to it) whose output
 * file reports an id as existing (a duplicate skipped, a speaker enrolled again). A job
 * reporting an id as newly created is its registrant, not a claimant.
 */
export async function findClaims(
    ctx: ClaimsContext,
    kind: JobKind,
    domainId: string,
    ids: readonly string[],
    since: Date | undefined,
    except: ReadonlySet<string>,
): Promise<Claims> {
    const claims: Claims = { claimedBy: new Map(), unreadable: [] };
    if (!ids.length) return claims;
    const wanted = new Set(ids);
    for (const job of await jobsSince(ctx, domainId, ["SUBMITTED", "IN_PROGRESS"], since, except)) {
        claims.unreadable.push({ job, reason: `still ${job.status}; run the destroy or \`up\` again once it ended` });
    }
    const completed = await jobsSince(ctx, domainId, ["COMPLETED", "COMPLETED_WITH_ERRORS"], since, except);
    const jobs = (await Promise.all(completed.map((j) => ctx.api.describe(domainId, j.jobId)))).sort(
        (a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0),
    );
    for (const job of jobs) {
        if (!job.outputDataConfig?.s3Uri || !job.inputDataConfig?.s3Uri || !isSuccess(job.status)) continue;
        const uri = outputFileUri(job.outputDataConfig.s3Uri, job.jobId, job.inputDataConfig.s3Uri);
        let claimed: string[];
        try {
            const { bucket, key } = parseS3Uri(uri);
            claimed = kind.parseOutput(await readS3Text(ctx.s3, bucket, key, ctx.retry())).claimedIds;
        } catch (err) {
            claims.unreadable.push({ job, reason: `${uri}: ${errorSummary(err)}` });
            continue;
        }
        for (const id of claimed) if (wanted.has(id)) claims.claimedBy.set(id, job);
    }
    return claims;
}

function s3(settings: ClientSettings): { client: S3Client; sdk: typeof import("@aws-sdk/client-s3") } {
    return { client: s3Client(settings), sdk: require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3") };
}

/** Writes a handover record beside `to`'s output file, encrypted with `to`'s output key. */
export async function writeHandover(ctx: ClaimsContext, to: JobView, handover: Handover): Promise<void> {
    const { bucket, key } = parseS3Uri(`${handoverPrefix(to)}${handover.fromJobId}.json`);
    const { client, sdk } = s3(ctx.s3);
    const kmsKeyId = to.outputDataConfig?.kmsKeyId;
    await withRetry(
        () =>
            client.send(
                new sdk.PutObjectCommand({
                    Bucket: bucket,
                    Key: key,
                    Body: handoverText(handover),
                    ContentType: "application/json",
                    ...(kmsKeyId ? { ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyId } : {}),
                }),
            ),
        ctx.retry(),
    );
}

/** The handover records beside `job`'s output file (none when there are none or S3 says not found). */
export async function readHandovers(
    ctx: ClaimsContext,
    job: Pick<JobView, "jobId" | "outputDataConfig">,
): Promise<Handover[]> {
    if (!job.outputDataConfig?.s3Uri) return [];
    const { bucket, key: prefix } = parseS3Uri(handoverPrefix(job));
    const { client, sdk } = s3(ctx.s3);
    const keys: string[] = [];
    let token: string | undefined;
    try {
        do {
            const out = await withRetry(
                () =>
                    client.send(
                        new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
                    ),
                ctx.retry(),
            );
            for (const o of out.Contents ?? []) if (o.Key?.endsWith(".json")) keys.push(o.Key);
            token = out.IsTruncated ? out.NextContinuationToken : undefined;
        } while (token);
    } catch (err) {
        if (classifyError(err) === "notFound") return [];
        throw err;
    }
    const records: Handover[] = [];
    for (const key of keys) {
        const h = parseHandover(await readS3Text(ctx.s3, bucket, key, ctx.retry()));
        if (h) records.push(h);
    }
    return records;
}
