/**
 * Preflight of a batch job at `check` time, so at preview, before anyone approves the plan:
 * everything the provider can know before the job runs.
 *
 * - For a create or a replacement (a job will start): the manifest and every audio object exist
 *   and parse (`manifest.ts`); the data access role exists and trusts `voiceid.amazonaws.com`
 *   for this domain; the role may s3:GetObject the inputs, s3:PutObject under the output folder,
 *   kms:Decrypt the SSE-KMS inputs, and kms:GenerateDataKey + kms:Decrypt with the output key,
 *   which must exist, be enabled and have a key policy admitting the role. Access is asked of
 *   IAM's policy simulator first (authoritative on AWS, with the key or bucket policy as resource
 *   policy), else the role's policies are read and evaluated (`preflightAccess.ts`).
 * - For an `{ import }`: the declared inputs match the job (`importCheck.ts`).
 *
 * A check that proves the job would fail is a `check` failure on the property to fix; a check
 * that cannot run (no permission, unreachable, something the evaluator does not model) is one
 * "could not check" line for the resource, once per process; a value unknown at preview (another
 * resource's output) skips what needs it, silently.
 * @module
 */
import { ambientTarget } from "../shared/clients";
import { CallContext } from "../shared/callContext";
import { withoutProvider } from "../shared/data";
import { classifyError, errorSummary } from "../shared/errors";
import { logger } from "../shared/log";
import {
    PENDING,
    PolicyStatementJson,
    RequestContext,
    VOICE_ID_SERVICE_PRINCIPAL,
    evaluatePolicies,
    policyStatements,
} from "../shared/policyEval";
import { RetryOptions } from "../shared/retry";
import { parseS3Uri } from "../shared/s3Uri";
import { AmbientTarget, endpointInputsOf } from "../shared/scope";
import { companionSettings, resolveRegion } from "../shared/settings";
import { Failure, containsUnknown, isUnknown } from "../shared/validation";
import { BatchJobApi } from "./api";
import type { BaseJobInputs } from "./args";
import { diffBatchJob } from "./diff";
import { importFailures, importMismatches } from "./importCheck";
import type { JobKind } from "./kind";
import { outputFileUri } from "./results";
import { runtime } from "./runtime";
import { PreflightCalls } from "./preflightCalls";
import { AccessQuestion, Answer, answerAccess } from "./preflightAccess";

type Inputs = BaseJobInputs & Record<string, unknown>;

/** What a preflight found: failures for `check`, and the checks that could not run (with why). */
export interface PreflightReport {
    failures: Failure[];
    unchecked: string[];
}

/** Most input objects whose access is checked (the manifest first, then its audio). */
export const MAX_OBJECTS_CHECKED = 50;

/**
 * What `check`'s inputs lead to: a new job, an adopted one, or nothing the preflight judges. A
 * replacement is what the diff calls one (`diff.ts`), with the region and endpoint in effect
 * (`ambient`), so the preflight runs exactly for the plans that start a job.
 */
export function preflightCase(
    kind: Pick<JobKind, "properties">,
    olds: Record<string, unknown>,
    news: Inputs,
    ambient: AmbientTarget = {},
): "create" | "replace" | "import" | undefined {
    const fresh = Object.keys(olds).length === 0;
    if (fresh)
        return typeof news.importId === "string" && !isUnknown(news.importId)
            ? "import"
            : news.importId === undefined
              ? "create"
              : undefined;
    return diffBatchJob(kind.properties, olds, news, ambient).replaces.length ? "replace" : undefined;
}

/**
 * `check`'s preflight: runs what applies to the inputs, prints the "could not check" line (once
 * per resource and process) and returns the failures.
 */
export async function preflightFailures(
    kind: JobKind,
    rawOlds: Record<string, unknown>,
    rawNews: Record<string, unknown>,
): Promise<Failure[]> {
    const olds = withoutProvider<Record<string, unknown>>(rawOlds ?? {});
    const inputs = withoutProvider<Inputs>(rawNews);
    const which = preflightCase(kind, olds, inputs, Object.keys(olds).length ? await ambientTarget() : {});
    if (!which) return [];
    // The preflight's calls retry silently in the short window: a preview prints one line at most.
    const ctx = new CallContext(inputs, () => [inputs.jobName], runtime.verifyWindowSeconds);
    const retry = () => ({ ...ctx.retryOptions(), onRetry: undefined });
    let report: PreflightReport;
    try {
        report =
            which === "import"
                ? await importPreflight(
                      kind,
                      ctx.calls((settings) => new BatchJobApi(settings, retry, kind.commands)),
                      inputs,
                  )
                : await jobPreflight(kind, retry, inputs);
    } catch (err) {
        // The preflight proves failures; an error of its own proves nothing and must not block the plan.
        report = { failures: [], unchecked: [`anything (${errorSummary(err)})`] };
    }
    if (report.unchecked.length) reportUnchecked(kind.type, inputs, report.unchecked);
    return report.failures;
}

const reported = new Set<string>();

/** The "could not check" line: on the resource (named), once per resource in this process. */
function reportUnchecked(type: string, inputs: Inputs, unchecked: string[]): void {
    const name = inputs.scope?.name ?? "(unnamed)";
    const key = `${type}|${inputs.scope?.project ?? ""}|${inputs.scope?.stack ?? ""}|${name}`;
    if (reported.has(key)) return;
    reported.add(key);
    logger("voiceid", () => [inputs.jobName]).warn(
        `${type} "${name}": preflight could not check ${unchecked.join("; ")}. ` +
            `The preview cannot tell whether the job will run; the job itself will tell.`,
    );
}

/** Forgets which resources were reported (tests). */
export function resetPreflightReports(): void {
    reported.clear();
}

// ------------------------------------------------------------ import

async function importPreflight(kind: JobKind, api: BatchJobApi, inputs: Inputs): Promise<PreflightReport> {
    const importId = inputs.importId as string;
    const m = /^([a-zA-Z0-9]{22})\/([a-zA-Z0-9]{22})$/.exec(importId);
    if (!m)
        return {
            failures: [
                {
                    property: "",
                    reason: `the import id must be "<domainId>/<jobId>" (two ids of 22 letters or digits), got ${JSON.stringify(importId)}`,
                },
            ],
            unchecked: [],
        };
    try {
        const job = await api.describe(m[1], m[2]);
        return { failures: importFailures(importId, importMismatches(kind, inputs, job)), unchecked: [] };
    } catch (err) {
        if (classifyError(err) === "notFound") {
            return {
                failures: [
                    {
                        property: "",
                        reason: `cannot import ${importId}: the job does not exist (${errorSummary(err)})`,
                    },
                ],
                unchecked: [],
            };
        }
        return { failures: [], unchecked: [`the job to import against the program (${errorSummary(err)})`] };
    }
}

// ------------------------------------------------------------ a job that will run

/** Partition, account and name of a role ARN (undefined for anything else). */
export function parseRoleArn(arn: string): { partition: string; account: string; name: string } | undefined {
    const m = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    return m ? { partition: m[1], account: m[2], name: m[3] } : undefined;
}

const s3Arn = (partition: string, uri: string) => {
    const { bucket, key } = parseS3Uri(uri);
    return `arn:${partition}:s3:::${bucket}/${key}`;
};
const dnsSuffix = (partition: string) => (partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com");

async function jobPreflight(kind: JobKind, retry: () => RetryOptions, inputs: Inputs): Promise<PreflightReport> {
    const report: PreflightReport = { failures: [], unchecked: [] };
    const target = endpointInputsOf(inputs);
    const calls = new PreflightCalls(
        {
            iam: companionSettings("IAM", target),
            kms: companionSettings("KMS", target),
            s3: companionSettings("S3", target),
        },
        retry,
    );
    const known = (v: unknown): v is string => typeof v === "string" && !containsUnknown(v);
    const inputUri = inputs.inputDataConfig?.s3Uri;
    const outputUri = inputs.outputDataConfig?.s3Uri;
    const keyId = inputs.outputDataConfig?.kmsKeyId;
    const roleArn = inputs.dataAccessRoleArn;
    const role = known(roleArn) ? parseRoleArn(roleArn) : undefined;
    const regionInput = [inputs.region, inputs.scope?.configRegion].some(isUnknown);
    const region = regionInput ? undefined : (resolveRegion(target) ?? (await ambientTarget()).region);

    const [manifest, key, roleFacts] = await Promise.all([
        known(inputUri) && kind.verifyManifest
            ? calls.remembered(["manifest", kind.type, inputUri], () => kind.verifyManifest!(inputs, retry()))
            : undefined,
        known(keyId) ? calls.describeKey(keyId) : undefined,
        role ? calls.role(role.name) : undefined,
    ]);

    if (manifest?.state === "invalid") {
        report.failures.push({
            property: "inputDataConfig.s3Uri",
            reason: `must name a manifest that works (the job would FAIL): ${manifest.reason}`,
        });
    } else if (manifest?.state === "unverifiable") {
        report.unchecked.push(`the manifest and its audio (${manifest.reason})`);
    }
    if (key?.state === "missing") {
        report.failures.push({
            property: "outputDataConfig.kmsKeyId",
            reason: `must name an existing KMS key: ${keyId} does not exist in this account and region (kms:DescribeKey)`,
        });
    } else if (key?.state === "unanswered") {
        report.unchecked.push(`the output KMS key (${key.reason})`);
    } else if (key?.state === "found" && key.keyState && key.keyState !== "Enabled") {
        report.failures.push({
            property: "outputDataConfig.kmsKeyId",
            reason: `must name an enabled KMS key: ${key.arn} is ${key.keyState}; enable it or choose another key`,
        });
    }
    if (!role || !roleFacts) return report;
    if (roleFacts.state === "missing") {
        report.failures.push({
            property: "dataAccessRoleArn",
            reason: `must name an existing IAM role: ${roleArn} does not exist (iam:GetRole); create it or fix the ARN`,
        });
        return report;
    }
    if (roleFacts.state === "unanswered") {
        report.unchecked.push(`the data access role (${roleFacts.reason})`);
    } else {
        trustVerdict(report, roleArn, roleFacts.trustPolicy, inputs.domainId, role, region);
    }

    // The accesses the job needs, as far as the inputs are known.
    const via = region ? `s3.${region}.${dnsSuffix(role.partition)}` : PENDING;
    const principal = { "aws:principalarn": roleArn, "aws:principalaccount": role.account };
    const bucketPolicy = async (uri: string) => ({
        source: await calls.bucketPolicy(parseS3Uri(uri).bucket),
        kms: false,
    });
    const keyPolicy = async (arn: string) => ({ source: await calls.keyPolicy(arn), kms: true });
    /**
     * A KMS use through S3, asked for both encryption contexts S3 may give KMS (the object's ARN,
     * or the bucket's with S3 Bucket Keys): either allowing is enough (see accessVerdicts).
     */
    const throughS3 = (q: Omit<AccessQuestion, "context">, objectArn: string): AccessQuestion[] =>
        [objectArn, objectArn.replace(/^(arn:[^:]+:s3:::[^/]+)\/.*$/, "$1")].map((arn) => ({
            ...q,
            context: {
                ...principal,
                "kms:viaservice": via,
                "kms:calleraccount": role.account,
                "kms:encryptioncontext:aws:s3:arn": arn,
                "kms:encryptioncontextkeys": ["aws:s3:arn"],
            },
        }));
    const questions: Promise<AccessQuestion[]>[] = [];
    const objects = manifest?.state === "verified" ? (manifest.objects ?? []).slice(0, MAX_OBJECTS_CHECKED) : [];
    for (const o of objects) {
        const arn = s3Arn(role.partition, o.uri);
        questions.push(
            bucketPolicy(o.uri).then((resourcePolicy) => [
                {
                    property: "dataAccessRoleArn",
                    action: "s3:GetObject",
                    resource: arn,
                    subject: o.uri,
                    context: principal,
                    resourcePolicy,
                },
            ]),
        );
    }
    const inputKeys = new Map<string, string>();
    for (const o of objects) if (o.kmsKeyId && !inputKeys.has(o.kmsKeyId)) inputKeys.set(o.kmsKeyId, o.uri);
    for (const [inputKey, uri] of inputKeys) {
        questions.push(
            calls.describeKey(inputKey).then(async (k) => {
                const arn = k.state === "found" ? k.arn : inputKey;
                return throughS3(
                    {
                        property: "dataAccessRoleArn",
                        action: "kms:Decrypt",
                        resource: arn,
                        subject: `the key ${arn} encrypting ${uri}`,
                        resourcePolicy: await keyPolicy(arn),
                    },
                    s3Arn(role.partition, uri),
                );
            }),
        );
    }
    if (known(outputUri)) {
        const outputFile = outputFileUri(outputUri, "0".repeat(22), known(inputUri) ? inputUri : "input.json");
        const fileArn = s3Arn(role.partition, outputFile);
        const sse: RequestContext =
            key?.state === "found"
                ? {
                      "s3:x-amz-server-side-encryption": "aws:kms",
                      "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn,
                  }
                : {};
        questions.push(
            bucketPolicy(outputUri).then((resourcePolicy) => [
                {
                    property: "dataAccessRoleArn",
                    action: "s3:PutObject",
                    resource: fileArn,
                    subject: `${outputUri.replace(/\/+$/, "")}/<jobId>/`,
                    context: { ...principal, ...sse },
                    resourcePolicy,
                },
            ]),
        );
        if (key?.state === "found") {
            for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
                questions.push(
                    keyPolicy(key.arn).then((resourcePolicy) =>
                        throughS3(
                            {
                                property: "outputDataConfig.kmsKeyId",
                                action,
                                resource: key.arn,
                                subject: `the output key ${key.arn}`,
                                resourcePolicy,
                            },
                            fileArn,
                        ),
                    ),
                );
            }
        }
    }
    const asked = (await Promise.all(questions)).flat();
    const answered = await answerAccess(
        calls,
        roleArn,
        role,
        roleFacts.state === "found" ? roleFacts.boundaryArn : undefined,
        asked,
    );
    if ("unanswered" in answered) {
        if (asked.length) report.unchecked.push(`what the data access role may do (${answered.unanswered})`);
        return report;
    }
    accessVerdicts(report, roleArn, asked, answered.answers);
    return report;
}

/** The trust policy admits Voice ID for this domain (`aws:SourceAccount`, `aws:SourceArn`). */
function trustVerdict(
    report: PreflightReport,
    roleArn: string,
    trustPolicy: string | undefined,
    domainId: unknown,
    role: { partition: string; account: string },
    region: string | undefined,
): void {
    let statements: PolicyStatementJson[];
    try {
        statements = policyStatements(trustPolicy ?? "");
    } catch (err) {
        report.unchecked.push(`the trust policy of ${roleArn} (${(err as Error).message})`);
        return;
    }
    const domainKnown = typeof domainId === "string" && !isUnknown(domainId) && region !== undefined;
    const domainArn = domainKnown
        ? `arn:${role.partition}:voiceid:${region}:${role.account}:domain/${domainId}`
        : undefined;
    const e = evaluatePolicies(statements, {
        action: "sts:AssumeRole",
        principal: { Service: [VOICE_ID_SERVICE_PRINCIPAL] },
        context: { "aws:sourceaccount": role.account, "aws:sourcearn": domainArn ?? PENDING },
    });
    if (e.decision === "allowed" || (e.decision === "undetermined" && !e.unsupported.length)) return;
    if (e.decision === "undetermined") {
        report.unchecked.push(`the trust policy of ${roleArn} (it uses ${e.unsupported.join(", ")})`);
        return;
    }
    const forWhat = domainArn ? ` for ${domainArn}` : "";
    report.failures.push({
        property: "dataAccessRoleArn",
        reason:
            `must name a role Voice ID may assume: the trust policy of ${roleArn} ${e.decision === "explicitDeny" ? "denies" : "does not allow"} ` +
            `${VOICE_ID_SERVICE_PRINCIPAL} sts:AssumeRole${forWhat}. Allow that principal, with aws:SourceAccount ${role.account} and an aws:SourceArn matching the domain ` +
            `(the DataAccessRole component writes this trust policy)`,
    });
}

/** Proven denials become failures (grouped by property and action); undetermined ones, "could not check". */
function accessVerdicts(
    report: PreflightReport,
    roleArn: string,
    questions: AccessQuestion[],
    answers: Answer[],
): void {
    // Questions asked in several request contexts (the KMS ones): the most permissive answer counts.
    const rank = { allowed: 0, undetermined: 1, implicitDeny: 2, explicitDeny: 3 } as const;
    const best = new Map<string, { q: AccessQuestion; a: Answer }>();
    questions.forEach((q, i) => {
        const k = `${q.property}|${q.action}|${q.resource}|${q.subject}`;
        const seen = best.get(k);
        if (answers[i] && (!seen || rank[answers[i].decision] < rank[seen.a.decision]))
            best.set(k, { q, a: answers[i] });
    });
    const denied = new Map<string, { q: AccessQuestion; a: Answer; subjects: string[] }>();
    const unsupported = new Set<string>();
    [...best.values()].forEach(({ q, a }) => {
        if (a.decision === "allowed") return;
        if (a.decision === "undetermined") {
            if (a.unsupported.length) unsupported.add(`${q.action} (${a.unsupported.join(", ")})`);
            return;
        }
        const k = `${q.property}|${q.action}|${a.deniedBy ?? ""}|${a.decision}`;
        const entry = denied.get(k) ?? { q, a, subjects: [] };
        entry.subjects.push(q.subject);
        denied.set(k, entry);
    });
    for (const { q, a, subjects } of denied.values())
        report.failures.push({ property: q.property, reason: denialReason(roleArn, q, a, subjects) });
    if (unsupported.size) report.unchecked.push(`whether the data access role may ${[...unsupported].join("; ")}`);
}

function denialReason(roleArn: string, q: AccessQuestion, a: Answer, subjects: string[]): string {
    const listed =
        subjects.length > 3
            ? `${subjects.slice(0, 3).join(", ")} and ${subjects.length - 3} more`
            : subjects.join(", ");
    const how = a.decision === "explicitDeny" ? "is explicitly denied" : "is not allowed";
    const kms = q.action.startsWith("kms:");
    const rule =
        q.property === "outputDataConfig.kmsKeyId"
            ? "must name a key the data access role may use"
            : "must name a role the job can work with";
    const where =
        a.deniedBy === "resource"
            ? kms
                ? `the key policy admits neither ${roleArn} nor the account (through IAM policies)`
                : `the bucket policy`
            : `the role's policies`;
    const fix =
        a.deniedBy === "resource"
            ? kms
                ? `add ${roleArn} to the key policy (the OutputKey component does), or choose a key whose policy admits it`
                : `change the bucket policy`
            : `grant ${q.action} on ${q.resource}${kms ? " (through S3: kms:ViaService)" : ""} in the role's policy, or choose a role that has it`;
    return `${rule}: ${roleArn} ${how} ${q.action} on ${listed} (by ${where}), so the job would FAIL. Fix: ${fix}`;
}
