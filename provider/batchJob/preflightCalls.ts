/**
 * The AWS calls of a batch job's preflight (`preflight.ts`), with the deployer's credentials:
 * IAM for the data access role (its trust policy, IAM's policy simulator, else its policies
 * read one by one), KMS for keys and key policies, S3 for bucket policies.
 *
 * Previews run `check` on every job, and most jobs of a stack share a role, a key and buckets, so
 * every answer is memoized for the process ({@link preflightRuntime}`.memoMs`): the same role,
 * key or bucket is asked once, however many jobs name it. Calls run at most
 * {@link preflightRuntime}`.concurrency` at a time, and a service found unreachable (after the
 * short retry window) is not asked again for the memo's lifetime, so a preview with IAM down
 * waits once, not once per job.
 * @module
 */
import { iamClient, kmsClient, s3Client } from "../shared/clients";
import { classifyError, errorSummary, httpStatusOf, isRetryable } from "../shared/errors";
import { RetryOptions, withRetry } from "../shared/retry";
import { ClientSettings } from "../shared/settings";
import { RequestContext, PENDING, Decision } from "../shared/policyEval";
import { runtime } from "./runtime";

/** Knobs of the preflight's calls (production leaves them alone; tests swap them). */
export const preflightRuntime = {
    /** How long an answer is reused in this process. */
    memoMs: 60_000,
    /** Most preflight calls in flight at once. */
    concurrency: 4,
};

/** A call that failed for a reason that proves nothing (denied, unreachable, or an operation the service does not offer). */
export class Unanswered extends Error {
    constructor(
        readonly call: string,
        readonly cause: unknown,
    ) {
        super(`${call}: ${errorSummary(cause)}`);
        this.name = "Unanswered";
    }
}

const memo = new Map<string, { at: number; value: Promise<unknown> }>();
const down = new Map<string, { at: number; error: unknown }>();
const simulatorUnavailable = new Map<string, { at: number; error: Unanswered }>();

/** Forgets every memoized answer (tests, and a service that came back). */
export function resetPreflightMemo(): void {
    memo.clear();
    down.clear();
    simulatorUnavailable.clear();
}

function remember<T>(key: string, make: () => Promise<T>): Promise<T> {
    const now = runtime.clock.now();
    const hit = memo.get(key);
    if (hit && now - hit.at < preflightRuntime.memoMs) return hit.value as Promise<T>;
    const value = make();
    memo.set(key, { at: now, value });
    return value;
}

let inFlight = 0;
const queue: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
    while (inFlight >= preflightRuntime.concurrency) await new Promise<void>((resolve) => queue.push(resolve));
    inFlight++;
    try {
        return await fn();
    } finally {
        inFlight--;
        queue.shift()?.();
    }
}

/** The role, key and bucket facts the preflight needs, for one target. */
export class PreflightCalls {
    constructor(
        private readonly settings: { iam: ClientSettings; kms: ClientSettings; s3: ClientSettings },
        private readonly retry: () => RetryOptions,
    ) {}

    /**
     * One call, retried in the window, through the limiter and the unreachable-service memo (a
     * service that answered nothing at all; an HTTP error is the call's, not the service's).
     * `retryServerErrors: false` for calls a service may not implement (moto answers IAM's
     * simulator with a 500): the fallback is taken at once instead of after the window.
     */
    private async send<T>(service: "iam" | "kms" | "s3", fn: () => Promise<T>, retryServerErrors = true): Promise<T> {
        const where = `${service}|${this.settings[service].endpoint ?? ""}|${this.settings[service].region ?? ""}`;
        const known = down.get(where);
        if (known && runtime.clock.now() - known.at < preflightRuntime.memoMs) throw known.error;
        const retry = this.retry();
        const retryable = retryServerErrors
            ? isRetryable
            : (err: unknown) => isRetryable(err) && httpStatusOf(err) === undefined;
        try {
            return await limited(() => withRetry(fn, { ...retry, retryable }));
        } catch (err) {
            if (isRetryable(err) && httpStatusOf(err) === undefined)
                down.set(where, { at: runtime.clock.now(), error: err });
            throw err;
        }
    }

    private iam(): any {
        return iamClient(this.settings.iam);
    }

    private key(...parts: string[]): string {
        const where = (["iam", "kms", "s3"] as const).map(
            (s) => `${this.settings[s].endpoint ?? ""}@${this.settings[s].region ?? ""}`,
        );
        return [...parts, ...where].join("|");
    }

    /** Any other answer of the preflight (a manifest's verdict), memoized like the calls here. */
    remembered<T>(parts: string[], make: () => Promise<T>): Promise<T> {
        return remember(this.key(...parts), make);
    }

    /** The role's trust policy and permissions boundary; `missing` when IAM says it does not exist. */
    role(roleName: string): Promise<RoleFacts> {
        return remember(this.key("role", roleName), async () => {
            const { GetRoleCommand } = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
            try {
                const out: any = await this.send("iam", () =>
                    this.iam().send(new GetRoleCommand({ RoleName: roleName })),
                );
                return {
                    state: "found",
                    arn: out.Role?.Arn,
                    trustPolicy: out.Role?.AssumeRolePolicyDocument,
                    boundaryArn: out.Role?.PermissionsBoundary?.PermissionsBoundaryArn,
                };
            } catch (err) {
                if (classifyError(err) === "notFound") return { state: "missing" };
                return { state: "unanswered", reason: new Unanswered("iam:GetRole", err).message };
            }
        });
    }

    /** The statements of every policy of the role (inline, attached), as documents. */
    rolePolicies(roleName: string): Promise<string[]> {
        return remember(this.key("policies", roleName), async () => {
            const iam = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
            const docs: string[] = [];
            const ask = <T>(name: string, fn: () => Promise<T>) =>
                this.send("iam", fn).catch((err) => {
                    throw new Unanswered(`iam:${name}`, err);
                });
            let marker: string | undefined;
            do {
                const page: any = await ask("ListRolePolicies", () =>
                    this.iam().send(new iam.ListRolePoliciesCommand({ RoleName: roleName, Marker: marker })),
                );
                for (const name of page.PolicyNames ?? []) {
                    const p: any = await ask("GetRolePolicy", () =>
                        this.iam().send(new iam.GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })),
                    );
                    docs.push(p.PolicyDocument);
                }
                marker = page.IsTruncated ? page.Marker : undefined;
            } while (marker);
            do {
                const page: any = await ask("ListAttachedRolePolicies", () =>
                    this.iam().send(new iam.ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker })),
                );
                for (const a of page.AttachedPolicies ?? []) docs.push(await this.managedPolicy(a.PolicyArn));
                marker = page.IsTruncated ? page.Marker : undefined;
            } while (marker);
            return docs;
        });
    }

    /** The default version of a managed policy (a permissions boundary, an attached policy). */
    managedPolicy(policyArn: string): Promise<string> {
        return remember(this.key("managed", policyArn), async () => {
            const iam = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
            try {
                const pol: any = await this.send("iam", () =>
                    this.iam().send(new iam.GetPolicyCommand({ PolicyArn: policyArn })),
                );
                const ver: any = await this.send("iam", () =>
                    this.iam().send(
                        new iam.GetPolicyVersionCommand({
                            PolicyArn: policyArn,
                            VersionId: pol.Policy?.DefaultVersionId,
                        }),
                    ),
                );
                return ver.PolicyVersion?.Document ?? "";
            } catch (err) {
                throw err instanceof Unanswered ? err : new Unanswered("iam:GetPolicyVersion", err);
            }
        });
    }

    /**
     * IAM's policy simulator for the role: one decision per resource, `undetermined` where IAM
     * reports context values it missed. Throws {@link Unanswered} when the simulator cannot be
     * asked (not allowed, unreachable, or not offered by the service, as with moto).
     */
    simulate(
        roleArn: string,
        action: string,
        resources: string[],
        context: RequestContext,
        resourcePolicy?: string,
    ): Promise<Decision[]> {
        const entries = Object.entries(context)
            .filter(([, v]) => v !== null && v !== PENDING)
            .map(([k, v]) => ({
                ContextKeyName: k,
                ContextKeyValues: Array.isArray(v) ? v : [v as string],
                ContextKeyType: Array.isArray(v) ? ("stringList" as const) : ("string" as const),
            }));
        const owner = /^arn:([^:]+):iam::(\d{12}):/.exec(roleArn);
        const unavailable = simulatorUnavailable.get(this.key("simulator"));
        if (unavailable && runtime.clock.now() - unavailable.at < preflightRuntime.memoMs)
            return Promise.reject(unavailable.error);
        return remember(
            this.key(
                "simulate",
                roleArn,
                action,
                JSON.stringify(resources),
                JSON.stringify(entries),
                resourcePolicy ?? "",
            ),
            async () => {
                const { SimulatePrincipalPolicyCommand } =
                    require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
                const decisions = new Map<string, Decision>();
                let marker: string | undefined;
                try {
                    do {
                        const out: any = await this.send(
                            "iam",
                            () =>
                                this.iam().send(
                                    new SimulatePrincipalPolicyCommand({
                                        PolicySourceArn: roleArn,
                                        ActionNames: [action],
                                        ResourceArns: resources,
                                        ContextEntries: entries,
                                        ...(resourcePolicy
                                            ? {
                                                  ResourcePolicy: resourcePolicy,
                                                  ResourceOwner: owner
                                                      ? `arn:${owner[1]}:iam::${owner[2]}:root`
                                                      : undefined,
                                              }
                                            : {}),
                                        Marker: marker,
                                    }),
                                ),
                            false,
                        );
                        for (const r of out.EvaluationResults ?? []) {
                            const missing = (r.MissingContextValues ?? []).length > 0;
                            const d = r.EvalDecision as Decision;
                            decisions.set(r.EvalResourceName ?? "*", d !== "allowed" && missing ? "undetermined" : d);
                        }
                        marker = out.IsTruncated ? out.Marker : undefined;
                    } while (marker);
                } catch (err) {
                    const error = new Unanswered("iam:SimulatePrincipalPolicy", err);
                    // Not allowed, or not offered by this service: the next roles go straight to reading their policies.
                    if (classifyError(err) !== "notFound")
                        simulatorUnavailable.set(this.key("simulator"), { at: runtime.clock.now(), error });
                    throw error;
                }
                return resources.map((r) => decisions.get(r) ?? decisions.get("*") ?? "undetermined");
            },
        );
    }

    /** A key's ARN and state, by any id KMS takes (key id, key ARN, alias name or alias ARN). */
    describeKey(keyId: string): Promise<KeyFacts> {
        return remember(this.key("key", keyId), async () => {
            const { DescribeKeyCommand } = require("@aws-sdk/client-kms") as typeof import("@aws-sdk/client-kms");
            try {
                const out: any = await this.send("kms", () =>
                    kmsClient(this.settings.kms).send(new DescribeKeyCommand({ KeyId: keyId })),
                );
                const m = out.KeyMetadata ?? {};
                return { state: "found", arn: m.Arn, keyState: m.KeyState, usage: m.KeyUsage };
            } catch (err) {
                // KMS answers an unknown key or alias with NotFoundException (HTTP 400).
                if (classifyError(err) === "notFound" || (err as { name?: string }).name === "NotFoundException")
                    return { state: "missing" };
                return { state: "unanswered", reason: new Unanswered("kms:DescribeKey", err).message };
            }
        });
    }

    /** The key policy of a key (by ARN). */
    keyPolicy(keyArn: string): Promise<PolicySource> {
        return remember(this.key("keyPolicy", keyArn), async () => {
            const { GetKeyPolicyCommand } = require("@aws-sdk/client-kms") as typeof import("@aws-sdk/client-kms");
            try {
                const out: any = await this.send("kms", () =>
                    kmsClient(this.settings.kms).send(
                        new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: "default" }),
                    ),
                );
                return { document: out.Policy };
            } catch (err) {
                return { unanswered: new Unanswered("kms:GetKeyPolicy", err).message };
            }
        });
    }

    /** A bucket's policy; none is an empty document. */
    bucketPolicy(bucket: string): Promise<PolicySource> {
        return remember(this.key("bucketPolicy", bucket), async () => {
            const { GetBucketPolicyCommand } = require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3");
            try {
                const out: any = await this.send("s3", () =>
                    s3Client(this.settings.s3).send(new GetBucketPolicyCommand({ Bucket: bucket })),
                );
                return { document: out.Policy };
            } catch (err) {
                if ((err as { name?: string }).name === "NoSuchBucketPolicy") return { document: undefined };
                return { unanswered: new Unanswered("s3:GetBucketPolicy", err).message };
            }
        });
    }
}

/** What GetRole told. */
export type RoleFacts =
    | { state: "found"; arn?: string; trustPolicy?: string; boundaryArn?: string }
    | { state: "missing" }
    | { state: "unanswered"; reason: string };

/** What DescribeKey told. */
export type KeyFacts =
    | { state: "found"; arn: string; keyState?: string; usage?: string }
    | { state: "missing" }
    | { state: "unanswered"; reason: string };

/** A resource policy (key or bucket policy): its document (absent: none), or why it could not be read. */
export interface PolicySource {
    document?: string;
    unanswered?: string;
}
