/**
 * A small evaluator of IAM policy documents (identity, trust and KMS key policies), for the
 * preflight of a batch job when IAM's own policy simulator cannot be asked (callers allowed to
 * read a role's policies but not to simulate them; moto, which has no simulator).
 *
 * It answers in three values on purpose: a preview must fail only on a proven denial, so anything
 * it does not model (a condition operator, a condition key whose value is not known before the
 * job runs, policy variables) makes the answer `undetermined`, never `implicitDeny`.
 *
 * Modelled: Allow/Deny (an explicit Deny wins), Action/NotAction, Resource/NotResource and
 * Principal/NotPrincipal with `*` and `?` wildcards, and the condition operators the helper
 * components write and their usual kin: String(Not)Equals(IgnoreCase), String(Not)Like,
 * Arn(Not)Equals, Arn(Not)Like, Bool, Null, with `IfExists` and the `ForAnyValue:` /
 * `ForAllValues:` set prefixes. Data-only: no AWS imports.
 * @module
 */

/** One statement as IAM returns it (single values or lists). */
export interface PolicyStatementJson {
    Sid?: string;
    Effect?: string;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Principal?: "*" | Record<string, string | string[]>;
    NotPrincipal?: "*" | Record<string, string | string[]>;
    Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** The Voice ID service principal: what a data access role trusts and a key policy names. */
export const VOICE_ID_SERVICE_PRINCIPAL = "voiceid.amazonaws.com";

/** A condition key's value is not known yet (a preview value): answers that need it are skipped silently. */
export const PENDING = Symbol("pending");

/**
 * Request context by condition key (lower case). A key absent from the map is one the caller
 * cannot know (its conditions are undetermined); `null` is a key known to be absent from the
 * request; {@link PENDING} one whose value is not known yet.
 */
export type RequestContext = Record<string, string | string[] | null | typeof PENDING>;

/** What is asked: may this principal do `action` on `resource` under `context`? */
export interface PolicyRequest {
    action: string;
    /** The resource ARN; absent for trust policies (no Resource element). */
    resource?: string;
    /**
     * Who asks, for policies with a Principal element (trust and key policies), by principal
     * type (`AWS`, `Service`); absent for identity policies, which apply to their holder.
     */
    principal?: Record<string, string[]>;
    context: RequestContext;
}

/** IAM's decisions (the simulator's names), plus `undetermined` when this evaluator cannot tell. */
export type Decision = "allowed" | "explicitDeny" | "implicitDeny" | "undetermined";

/** An answer and, when undetermined, why. */
export interface Evaluation {
    decision: Decision;
    /** Condition keys whose value is not known yet ({@link PENDING}). */
    pending: string[];
    /** What the evaluator does not model (operators, keys, variables), for the "could not check" line. */
    unsupported: string[];
}

type Tri = boolean | undefined;

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** `*` and `?` wildcards, as IAM matches actions (case-insensitive) and ARNs (case-sensitive). */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
    const body = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
        .join("");
    return new RegExp(`^${body}$`, ignoreCase ? "is" : "s").test(value);
}

/**
 * The statements of a policy document: JSON text (URL-encoded as IAM's Get* calls return it) or
 * an object. Throws on text that is not a policy document.
 */
export function policyStatements(doc: string | object): PolicyStatementJson[] {
    let parsed: unknown = doc;
    if (typeof doc === "string") {
        const text = doc.trim();
        parsed = JSON.parse(/^%7b/i.test(text) ? decodeURIComponent(text) : text);
    }
    const s = (parsed as { Statement?: unknown } | null)?.Statement;
    if (s === undefined || s === null || typeof s !== "object") throw new Error("not a policy document (no Statement)");
    return (Array.isArray(s) ? s : [s]) as PolicyStatementJson[];
}

/** Three-valued AND: false wins, then undetermined. */
function and(values: Tri[]): Tri {
    if (values.includes(false)) return false;
    return values.includes(undefined) ? undefined : true;
}

interface Notes {
    pending: Set<string>;
    unsupported: Set<string>;
}

const BASE_OPERATORS = new Set([
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "ArnEquals",
    "ArnNotEquals",
    "ArnLike",
    "ArnNotLike",
    "Bool",
    "Null",
]);

/** One value against the operator's expected values (positive form; the caller negates). */
function valueMatches(base: string, expected: string[], actual: string): boolean {
    switch (base) {
        case "StringEquals":
            return expected.includes(actual);
        case "StringEqualsIgnoreCase":
            return expected.some((e) => e.toLowerCase() === actual.toLowerCase());
        case "Bool":
            return expected.some((e) => e.toLowerCase() === actual.toLowerCase());
        default:
            // StringLike, ArnEquals and ArnLike all take wildcards.
            return expected.some((e) => wildcardMatch(e, actual));
    }
}

/** One operator over one key. */
function conditionHolds(
    operator: string,
    key: string,
    rawExpected: unknown,
    context: RequestContext,
    notes: Notes,
): Tri {
    const set = /^(ForAnyValue|ForAllValues):/.exec(operator)?.[1];
    let base = operator.replace(/^(ForAnyValue|ForAllValues):/, "");
    const ifExists = base.endsWith("IfExists");
    if (ifExists) base = base.slice(0, -"IfExists".length);
    if (!BASE_OPERATORS.has(base)) {
        notes.unsupported.add(`condition operator ${operator}`);
        return undefined;
    }
    const expected = asList(rawExpected);
    if (expected.some((e) => e.includes("${"))) {
        notes.unsupported.add(`policy variables in ${key}`);
        return undefined;
    }
    const lower = key.toLowerCase();
    if (!(lower in context)) {
        notes.unsupported.add(`condition key ${key}`);
        return undefined;
    }
    const actual = context[lower];
    if (actual === PENDING) {
        notes.pending.add(key);
        return undefined;
    }
    if (base === "Null") return expected.some((e) => e.toLowerCase() === String(actual === null));
    const negated = /Not/.test(base);
    if (actual === null) return ifExists || negated || set === "ForAllValues";
    const positive = base.replace("Not", "");
    const values = asList(actual);
    const each = (v: string) => valueMatches(positive, expected, v) !== negated;
    if (set === "ForAllValues") return values.every(each);
    return values.some(each);
}

function conditionsHold(condition: PolicyStatementJson["Condition"], context: RequestContext, notes: Notes): Tri {
    if (!condition) return true;
    const results: Tri[] = [];
    for (const [operator, entries] of Object.entries(condition)) {
        for (const [key, expected] of Object.entries(entries ?? {}))
            results.push(conditionHolds(operator, key, expected, context, notes));
    }
    return and(results);
}

function principalMatches(principal: PolicyStatementJson["Principal"], asker: Record<string, string[]>): boolean {
    if (principal === "*") return true;
    return Object.entries(principal ?? {}).some(([type, values]) =>
        asList(values).some((p) => p === "*" || (asker[type] ?? []).some((a) => wildcardMatch(p, a))),
    );
}

/** Whether one statement applies to the request. */
function applies(s: PolicyStatementJson, req: PolicyRequest, notes: Notes): Tri {
    const action =
        s.Action !== undefined
            ? asList(s.Action).some((a) => wildcardMatch(a, req.action, true))
            : s.NotAction !== undefined
              ? !asList(s.NotAction).some((a) => wildcardMatch(a, req.action, true))
              : false;
    if (!action) return false;
    if (req.resource !== undefined) {
        if (s.Resource !== undefined && !asList(s.Resource).some((r) => wildcardMatch(r, req.resource!))) return false;
        if (s.NotResource !== undefined && asList(s.NotResource).some((r) => wildcardMatch(r, req.resource!)))
            return false;
    }
    if (req.principal) {
        if (s.Principal !== undefined && !principalMatches(s.Principal, req.principal)) return false;
        if (s.NotPrincipal !== undefined && principalMatches(s.NotPrincipal, req.principal)) return false;
        if (s.Principal === undefined && s.NotPrincipal === undefined) return false;
    }
    return conditionsHold(s.Condition, req.context, notes);
}

/** Evaluates a request against statements (the union of every policy that applies). */
export function evaluatePolicies(statements: readonly PolicyStatementJson[], req: PolicyRequest): Evaluation {
    const notes: Notes = { pending: new Set(), unsupported: new Set() };
    const verdicts = statements.map((s) => ({ effect: s.Effect, applies: applies(s, req, notes) }));
    const result = (decision: Decision): Evaluation => ({
        decision,
        pending: [...notes.pending],
        unsupported: [...notes.unsupported],
    });
    const deny = verdicts.filter((v) => v.effect === "Deny").map((v) => v.applies);
    const allow = verdicts.filter((v) => v.effect === "Allow").map((v) => v.applies);
    if (deny.includes(true)) return result("explicitDeny");
    if (deny.includes(undefined)) return result("undetermined");
    if (allow.includes(true)) return result("allowed");
    return result(allow.includes(undefined) ? "undetermined" : "implicitDeny");
}

/** Which policy decided a denial: the principal's own (identity) policies or the resource's policy. */
export type DeniedBy = "identity" | "resource";

/**
 * Same-account access when a resource has its own policy (a KMS key policy, an S3 bucket
 * policy): an explicit Deny anywhere wins; a resource policy naming the principal grants on its
 * own; a resource policy granting the account grants only with the principal's identity policies
 * allowing too. KMS requires its key policy to grant (`resourcePolicyRequired`); S3 does not (no
 * bucket policy leaves the decision to IAM).
 */
export function sameAccountAccess(
    identity: Evaluation,
    resourceForPrincipal: Evaluation,
    resourceForAccount: Evaluation,
    resourcePolicyRequired: boolean,
): Evaluation & { deniedBy?: DeniedBy } {
    const all = [identity, resourceForPrincipal, resourceForAccount];
    const merged = (decision: Decision, deniedBy?: DeniedBy) => ({
        decision,
        pending: [...new Set(all.flatMap((e) => e.pending))],
        unsupported: [...new Set(all.flatMap((e) => e.unsupported))],
        ...(deniedBy ? { deniedBy } : {}),
    });
    if (identity.decision === "explicitDeny") return merged("explicitDeny", "identity");
    if (resourceForPrincipal.decision === "explicitDeny" || resourceForAccount.decision === "explicitDeny")
        return merged("explicitDeny", "resource");
    if (resourceForPrincipal.decision === "allowed") return merged("allowed");
    const accountGrants = resourcePolicyRequired ? resourceForAccount.decision : "allowed";
    if (identity.decision === "allowed" && accountGrants === "allowed") return merged("allowed");
    // Undetermined only where the missing part could still grant: the principal named by the
    // resource policy, or the account's grant together with the identity policies.
    const viaAccountMaybe = identity.decision !== "implicitDeny" && accountGrants !== "implicitDeny";
    if (resourceForPrincipal.decision === "undetermined" || viaAccountMaybe) return merged("undetermined");
    return merged("implicitDeny", identity.decision === "allowed" ? "resource" : "identity");
}
