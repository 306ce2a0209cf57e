/**
 * The emulator's view of the AWS services a job touches (moto in tests and the local stack):
 * IAM to look up the data access role and its policies, STS to assume it, then S3 and KMS
 * *as that role*. moto accepts any signature and does not evaluate IAM policies, so the checks
 * Voice ID's real back end gets from IAM (trust policy, s3:GetObject, kms:GenerateDataKey...)
 * are evaluated here, from the role's actual policy documents.
 * @module
 */
import {
    IAMClient,
    GetRoleCommand,
    ListRolePoliciesCommand,
    GetRolePolicyCommand,
    ListAttachedRolePoliciesCommand,
    GetPolicyCommand,
    GetPolicyVersionCommand,
} from "@aws-sdk/client-iam";
import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { S3Client } from "@aws-sdk/client-s3";
import { KMSClient } from "@aws-sdk/client-kms";
import type { EmulatorConfig } from "./config";
import { JobFailure } from "./errors";

interface Statement {
    Effect: "Allow" | "Deny";
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Principal?: unknown;
    Condition?: Record<string, Record<string, string | string[]>>;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function wildcard(pattern: string, value: string, caseInsensitive: boolean): boolean {
    const re = new RegExp(
        "^" +
            pattern
                .split("")
                .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")))
                .join("") +
            "$",
        caseInsensitive ? "i" : "",
    );
    return re.test(value);
}

function statementsOf(doc: string | undefined): Statement[] {
    if (!doc) return [];
    let parsed: { Statement?: Statement | Statement[] };
    try {
        parsed = JSON.parse(
            doc.trim().startsWith("%7B") || doc.trim().startsWith("%7b") ? decodeURIComponent(doc) : doc,
        );
    } catch {
        try {
            parsed = JSON.parse(decodeURIComponent(doc));
        } catch {
            return [];
        }
    }
    const s = parsed.Statement;
    return s === undefined ? [] : Array.isArray(s) ? s : [s];
}

/** Evaluates the condition operators a confused-deputy trust policy uses. */
function conditionHolds(cond: Statement["Condition"], context: Record<string, string>): { ok: boolean; why?: string } {
    if (!cond) return { ok: true };
    for (const [op, entries] of Object.entries(cond)) {
        const base = op.replace(/^ForAnyValue:|^ForAllValues:/, "").replace(/IfExists$/, "");
        for (const [key, expected] of Object.entries(entries)) {
            const actual = context[key.toLowerCase()];
            if (actual === undefined) {
                if (op.endsWith("IfExists")) continue;
                return { ok: false, why: `condition key ${key} is not available to Voice ID` };
            }
            const values = list(expected);
            let match: boolean;
            switch (base) {
                case "StringEquals":
                case "ArnEquals":
                    match = values.includes(actual);
                    break;
                case "StringEqualsIgnoreCase":
                    match = values.some((v) => v.toLowerCase() === actual.toLowerCase());
                    break;
                case "StringLike":
                case "ArnLike":
                    match = values.some((v) => wildcard(v, actual, false));
                    break;
                case "StringNotEquals":
                case "ArnNotEquals":
                    match = !values.includes(actual);
                    break;
                case "StringNotLike":
                case "ArnNotLike":
                    match = !values.some((v) => wildcard(v, actual, false));
                    break;
                default:
                    return { ok: false, why: `unsupported condition operator ${op}` };
            }
            if (!match) return { ok: false, why: `condition ${op} on ${key} does not match` };
        }
    }
    return { ok: true };
}

function principalIsVoiceId(p: unknown): boolean {
    if (p === "*") return true;
    if (p && typeof p === "object") {
        const service = (p as Record<string, string | string[]>).Service;
        return list(service).includes("voiceid.amazonaws.com");
    }
    return false;
}

/** The permission policies of a role, evaluated like IAM does for an identity (Deny wins). */
export class RolePermissions {
    constructor(
        private readonly statements: Statement[],
        private readonly enforce: boolean,
    ) {}

    allows(action: string, resource: string): boolean {
        if (!this.enforce) return true;
        const matches = (s: Statement) => {
            const actionOk =
                s.Action !== undefined
                    ? list(s.Action).some((a) => wildcard(a, action, true))
                    : !list(s.NotAction).some((a) => wildcard(a, action, true));
            const resourceOk =
                s.Resource !== undefined
                    ? list(s.Resource).some((r) => wildcard(r, resource, false))
                    : !list(s.NotResource).some((r) => wildcard(r, resource, false));
            return actionOk && resourceOk;
        };
        if (this.statements.some((s) => s.Effect === "Deny" && matches(s))) return false;
        return this.statements.some((s) => s.Effect === "Allow" && matches(s));
    }
}

/** Clients acting as the data access role, plus what the role may do. */
export interface RoleSession {
    s3: S3Client;
    kms: KMSClient;
    permissions: RolePermissions;
    destroy(): void;
}

function clientConfig(
    config: EmulatorConfig,
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
) {
    return {
        endpoint: config.awsEndpoint,
        region: config.region,
        credentials,
        maxAttempts: 3,
    };
}

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/**
 * Assumed-role credentials by AWS endpoint and role, reused while at least half of their hour
 * is left. An AssumeRole per job was one more request per job in the local stack's moto
 * recording, which every start replays (cli/local/motoRecording.ts); the role's checks still
 * run for every job. Bounded: the oldest entry goes first.
 */
const assumedRoles = new Map<string, { creds: Credentials; reuseUntil: number }>();
const ASSUMED_ROLES_KEPT = 100;
const ROLE_SESSION_SECONDS = 3600;

async function roleCredentials(
    config: EmulatorConfig,
    sts: STSClient,
    roleArn: string,
    sessionName: string,
): Promise<Credentials> {
    const key = `${config.awsEndpoint} ${roleArn}`;
    const kept = assumedRoles.get(key);
    if (kept && kept.reuseUntil > Date.now()) return kept.creds;
    const assumed = await sts.send(
        new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: sessionName,
            DurationSeconds: ROLE_SESSION_SECONDS,
        }),
    );
    const c = assumed.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new JobFailure(403, `Voice ID could not assume ${roleArn}`);
    const creds = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    assumedRoles.delete(key);
    if (assumedRoles.size >= ASSUMED_ROLES_KEPT) assumedRoles.delete(assumedRoles.keys().next().value!);
    assumedRoles.set(key, { creds, reuseUntil: Date.now() + (ROLE_SESSION_SECONDS * 1000) / 2 });
    return creds;
}

/**
 * Checks the data access role the way Voice ID would (exists, trusts voiceid.amazonaws.com
 * under the trust policy's conditions) and assumes it. Throws JobFailure with a clear message.
 */
export async function assumeDataAccessRole(
    config: EmulatorConfig,
    roleArn: string,
    domainArn: string,
    sessionName: string,
): Promise<RoleSession> {
    if (!config.awsEndpoint)
        throw new JobFailure(
            500,
            "The local Voice ID service has no AWS endpoint configured (--aws-endpoint) to read S3 through",
        );
    const iam = new IAMClient(clientConfig(config, config.serviceCredentials));
    const sts = new STSClient(clientConfig(config, config.serviceCredentials));
    try {
        const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
        let role;
        try {
            role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
        } catch (e) {
            if (
                (e as { name?: string }).name === "NoSuchEntityException" ||
                (e as { name?: string }).name === "NoSuchEntity"
            ) {
                throw new JobFailure(400, `The data access role ${roleArn} does not exist`);
            }
            throw e;
        }
        if (!role || role.Arn !== roleArn) throw new JobFailure(400, `The data access role ${roleArn} does not exist`);

        const context: Record<string, string> = {
            "aws:sourceaccount": config.accountId,
            "aws:sourcearn": domainArn,
        };
        const trust = statementsOf(role.AssumeRolePolicyDocument);
        const relevant = trust.filter(
            (s) => principalIsVoiceId(s.Principal) && list(s.Action).some((a) => wildcard(a, "sts:AssumeRole", true)),
        );
        if (relevant.some((s) => s.Effect === "Deny" && conditionHolds(s.Condition, context).ok)) {
            throw new JobFailure(403, `The trust policy of ${roleArn} denies voiceid.amazonaws.com`);
        }
        const allows = relevant.filter((s) => s.Effect === "Allow");
        if (allows.length === 0) {
            throw new JobFailure(
                403,
                `Voice ID cannot assume ${roleArn}: its trust policy does not allow the service principal voiceid.amazonaws.com to call sts:AssumeRole`,
            );
        }
        const results = allows.map((s) => conditionHolds(s.Condition, context));
        if (!results.some((r) => r.ok)) {
            throw new JobFailure(
                403,
                `Voice ID cannot assume ${roleArn}: the trust policy's conditions do not hold for this domain (${results.map((r) => r.why).join("; ")})`,
            );
        }

        const statements: Statement[] = [];
        if (config.enforceRolePolicies) {
            const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
            for (const name of inline.PolicyNames ?? []) {
                const p = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
                statements.push(...statementsOf(p.PolicyDocument));
            }
            const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
            for (const a of attached.AttachedPolicies ?? []) {
                const pol = await iam.send(new GetPolicyCommand({ PolicyArn: a.PolicyArn }));
                const ver = await iam.send(
                    new GetPolicyVersionCommand({ PolicyArn: a.PolicyArn, VersionId: pol.Policy?.DefaultVersionId }),
                );
                statements.push(...statementsOf(ver.PolicyVersion?.Document));
            }
        }

        const creds = await roleCredentials(config, sts, roleArn, sessionName);
        const s3 = new S3Client({ ...clientConfig(config, creds), forcePathStyle: true });
        const kms = new KMSClient(clientConfig(config, creds));
        return {
            s3,
            kms,
            permissions: new RolePermissions(statements, config.enforceRolePolicies),
            destroy() {
                s3.destroy();
                kms.destroy();
            },
        };
    } finally {
        iam.destroy();
        sts.destroy();
    }
}

/**
 * S3 access as the emulator itself, for reads that have no data access role (emulator-only
 * sessions): nothing is checked beyond what moto does.
 */
export function serviceSession(config: EmulatorConfig): RoleSession {
    if (!config.awsEndpoint)
        throw new JobFailure(
            500,
            "The local Voice ID service has no AWS endpoint configured (--aws-endpoint) to read S3 through",
        );
    const s3 = new S3Client({ ...clientConfig(config, config.serviceCredentials), forcePathStyle: true });
    const kms = new KMSClient(clientConfig(config, config.serviceCredentials));
    return {
        s3,
        kms,
        permissions: new RolePermissions([], false),
        destroy() {
            s3.destroy();
            kms.destroy();
        },
    };
}

/**
 * s3://bucket/key -> parts; a bad URI is the service's 400. The library has its own parser
 * (provider/shared/s3Uri.ts) and this one stays separate on purpose: the local service stands in
 * for AWS and is what the library is tested against, so it does not share the library's code
 * (a bug there would pass on both sides) and imports nothing from provider/.
 */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
    if (!m) throw new JobFailure(400, `Invalid S3 URI ${uri}`);
    return { bucket: m[1], key: m[2] };
}

export const s3ObjectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;
