/**
 * How the preflight decides what the data access role may do (`preflight.ts` asks): IAM's
 * policy simulator first, authoritative on AWS, with the key or bucket policy as resource
 * policy; when it cannot be asked (not allowed, or not offered by the service: moto has no simulator), the role's policies and
 * permissions boundary read and evaluated here (`shared/policyEval.ts`), combined with the
 * resource's policy the way same-account access works.
 * @module
 */
import { classifyError } from "../shared/errors";
import {
    Evaluation,
    PolicyStatementJson,
    RequestContext,
    evaluatePolicies,
    policyStatements,
    sameAccountAccess,
} from "../shared/policyEval";
import { PolicySource, PreflightCalls, Unanswered } from "./preflightCalls";

/** One access the job needs from the role. */
export interface AccessQuestion {
    /** Where a proven denial is reported. */
    property: string;
    action: string;
    /** The resource's ARN (an S3 object, a KMS key). */
    resource: string;
    /** The S3 URI or key the message names. */
    subject: string;
    context: RequestContext;
    /** The key's policy (required to grant) or the bucket's (may grant on its own). */
    resourcePolicy: { source: PolicySource; kms: boolean };
}

/** An answer to an {@link AccessQuestion}. */
export type Answer = Evaluation & { deniedBy?: "identity" | "resource" };

/**
 * Answers every question for the role: IAM's simulator when it can be asked, else the role's
 * policies read and evaluated. `unanswered` when neither works.
 */
export async function answerAccess(
    calls: PreflightCalls,
    roleArn: string,
    role: { name: string },
    boundaryArn: string | undefined,
    questions: AccessQuestion[],
): Promise<{ answers: Answer[] } | { unanswered: string }> {
    if (!questions.length) return { answers: [] };
    let simulatorWhy: string;
    try {
        return { answers: await simulated(calls, roleArn, questions) };
    } catch (err) {
        if (!(err instanceof Unanswered)) throw err;
        if (classifyError(err.cause) === "notFound") return { answers: [] }; // the role vanished: GetRole reports it
        simulatorWhy = err.message;
    }
    let identity: PolicyStatementJson[];
    let boundary: PolicyStatementJson[] | undefined;
    try {
        identity = (await calls.rolePolicies(role.name)).flatMap((d) => policyStatements(d));
        if (boundaryArn) boundary = policyStatements(await calls.managedPolicy(boundaryArn));
    } catch (err) {
        return {
            unanswered: `${simulatorWhy}; reading its policies: ${err instanceof Unanswered ? err.message : (err as Error).message}`,
        };
    }
    return { answers: questions.map((q) => evaluated(identity, boundary, roleArn, q)) };
}

/** The simulator's answers, grouped into one call per action, resource policy and context. */
async function simulated(calls: PreflightCalls, roleArn: string, questions: AccessQuestion[]): Promise<Answer[]> {
    const groups = new Map<string, number[]>();
    questions.forEach((q, i) => {
        const k = JSON.stringify([q.action, q.resourcePolicy.source.document ?? "", q.context]);
        groups.set(k, [...(groups.get(k) ?? []), i]);
    });
    const answers: Answer[] = new Array(questions.length);
    const ask = async (indexes: number[]) => {
        const q = questions[indexes[0]];
        const decisions = await calls.simulate(
            roleArn,
            q.action,
            indexes.map((i) => questions[i].resource),
            q.context,
            q.resourcePolicy.source.document,
        );
        indexes.forEach((i, n) => {
            const policy = questions[i].resourcePolicy;
            let decision = decisions[n];
            // Without the resource's policy the simulator judged the identity policies alone.
            if (policy.source.unanswered && decision !== "explicitDeny" && (policy.kms || decision !== "allowed"))
                decision = "undetermined";
            const unsupported =
                decision === "undetermined"
                    ? [policy.source.unanswered ?? "context values IAM's simulator missed"]
                    : [];
            answers[i] = { decision, pending: [], unsupported };
        });
    };
    // The first group alone: where the simulator cannot be asked, the others are not tried.
    const [first, ...rest] = [...groups.values()];
    await ask(first);
    await Promise.all(rest.map(ask));
    return answers;
}

/** The policies read and evaluated (`shared/policyEval.ts`) for one question. */
function evaluated(
    identityStatements: PolicyStatementJson[],
    boundary: PolicyStatementJson[] | undefined,
    roleArn: string,
    q: AccessQuestion,
): Answer {
    const request = { action: q.action, resource: q.resource, context: q.context };
    let identity = evaluatePolicies(identityStatements, request);
    if (boundary) {
        const limit = evaluatePolicies(boundary, request);
        // A permissions boundary caps the identity policies: both must allow.
        if (limit.decision !== "allowed" && identity.decision !== "explicitDeny") identity = limit;
    }
    const unreadable = (why: string): Evaluation => ({ decision: "undetermined", pending: [], unsupported: [why] });
    const none: Evaluation = { decision: "implicitDeny", pending: [], unsupported: [] };
    const source = q.resourcePolicy.source;
    let statements: PolicyStatementJson[] | undefined;
    try {
        statements = source.document ? policyStatements(source.document) : [];
    } catch (err) {
        statements = undefined;
        source.unanswered ??= (err as Error).message;
    }
    const account = /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1] ?? "";
    const partition = /^arn:([^:]+):/.exec(roleArn)?.[1] ?? "aws";
    const forPrincipal = statements
        ? evaluatePolicies(statements, { ...request, principal: { AWS: [roleArn] } })
        : source.unanswered
          ? unreadable(source.unanswered)
          : none;
    const forAccount = statements
        ? evaluatePolicies(statements, {
              ...request,
              principal: { AWS: [`arn:${partition}:iam::${account}:root`, account] },
          })
        : source.unanswered
          ? unreadable(source.unanswered)
          : none;
    return sameAccountAccess(identity, forPrincipal, forAccount, q.resourcePolicy.kms);
}
