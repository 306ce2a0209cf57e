/**
 * Generic, preview-time validation rules for dynamic resources.
 *
 * Every failure names the property path and the rule, e.g.
 * `registrationConfig.fraudsterSimilarityThreshold: must be an integer from 0 to 100 (got 101)`,
 * so the CLI shows exactly what to fix. Values that are not known yet (preview placeholders for
 * other resources' outputs) are skipped, never rejected: `check` runs again once they resolve.
 *
 * The module is deliberately data-only (no Pulumi or AWS imports) so the provider process loads
 * it cheaply and unit tests need nothing else.
 * @module
 */

/** The placeholder the engine sends for values that are not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `v` is (or, for containers, is itself) the preview placeholder for an unknown value. */
export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN;
}

/** True when `v` or anything inside it is unknown. */
export function containsUnknown(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

/** One broken rule: the shape `pulumi.dynamic.CheckFailure` expects. */
export interface Failure {
    /** Dotted property path from the resource's inputs, e.g. `outputDataConfig.s3Uri`. */
    property: string;
    /** The rule, phrased as `must ...`, with the offending value when it is not sensitive. */
    reason: string;
}

// ---- Patterns shared by Voice ID resources (service model voice-id 2021-09-27) ----

/** `s3://bucket[/key]`, the pattern Voice ID applies to every S3 URI it accepts. */
export const S3_URI_PATTERN = /^s3:\/\/[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;
/** Longest S3 URI Voice ID accepts. */
export const S3_URI_MAX_LENGTH = 1024;
/** An IAM role ARN as Voice ID accepts it for `DataAccessRoleArn`. */
export const ROLE_ARN_PATTERN = /^arn:aws(-[^:]+)?:iam::[0-9]{12}:role\/.+$/;
/** Voice ID domain, watchlist and job ids: exactly 22 alphanumerics. */
export const VOICE_ID_PATTERN = /^[a-zA-Z0-9]{22}$/;
/** ClientToken of every Voice ID mutating call. */
export const CLIENT_TOKEN_PATTERN = /^[a-zA-Z0-9-_]+$/;
/** Job names. */
export const JOB_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
/** A region name as the SDK accepts it (`us-east-1`, `us-gov-west-1`, `eu-isoe-west-1`). */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Human description of a value for an error message; long or sensitive values are not echoed. */
export function describeValue(v: unknown, sensitive = false): string {
    if (sensitive) return typeof v === "string" ? `a ${v.length}-character string` : typeof v;
    if (typeof v === "string") return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
    if (v === null) return "null";
    if (Array.isArray(v)) return `an array of ${v.length}`;
    if (typeof v === "object") return "an object";
    return String(v);
}

/**
 * Collects failures for one resource. Each rule method returns `true` when the value passed
 * (or is unknown/absent and therefore not judged), so callers can chain dependent checks.
 */
export class Validator {
    /** Failures recorded so far, in the order found. */
    readonly failures: Failure[] = [];

    /** Records a failure at `property`. */
    fail(property: string, reason: string): false {
        this.failures.push({ property, reason });
        return false;
    }

    /** True when nothing failed. */
    get ok(): boolean {
        return this.failures.length === 0;
    }

    /** A value must be present (unknown counts as present). */
    required(property: string, v: unknown): boolean {
        if (v === undefined || v === null || v === "") return this.fail(property, "is required");
        return true;
    }

    /** Absent or unknown values pass; anything else must be a string. */
    string(property: string, v: unknown, sensitive = false): v is string {
        if (v === undefined || isUnknown(v)) return false;
        if (typeof v !== "string") {
            this.fail(property, `must be a string (got ${describeValue(v, sensitive)})`);
            return false;
        }
        return true;
    }

    /** String length bounds, inclusive. */
    length(property: string, v: unknown, min: number, max: number, sensitive = false): boolean {
        if (!this.string(property, v, sensitive)) return v === undefined || isUnknown(v);
        if (v.length < min || v.length > max) {
            const rule = min === max ? `must be exactly ${min} characters` : `must be ${min} to ${max} characters`;
            return this.fail(property, `${rule} (got ${v.length})`);
        }
        return true;
    }

    /** String pattern; `ruleText` says what the pattern means in words. */
    pattern(property: string, v: unknown, re: RegExp, ruleText: string, sensitive = false): boolean {
        if (!this.string(property, v, sensitive)) return v === undefined || isUnknown(v);
        if (!re.test(v)) return this.fail(property, `${ruleText} (got ${describeValue(v, sensitive)})`);
        return true;
    }

    /** Integer range, inclusive. */
    intRange(property: string, v: unknown, min: number, max: number): boolean {
        if (v === undefined || isUnknown(v)) return true;
        if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
            return this.fail(property, `must be an integer from ${min} to ${max} (got ${describeValue(v)})`);
        }
        return true;
    }

    /** Number range (not necessarily integer), inclusive. */
    numberRange(property: string, v: unknown, min: number, max: number): boolean {
        if (v === undefined || isUnknown(v)) return true;
        if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
            return this.fail(property, `must be a number from ${min} to ${max} (got ${describeValue(v)})`);
        }
        return true;
    }

    /** One of a fixed set of strings. */
    oneOf(property: string, v: unknown, allowed: readonly string[]): boolean {
        if (v === undefined || isUnknown(v)) return true;
        if (typeof v !== "string" || !allowed.includes(v)) {
            return this.fail(property, `must be one of ${allowed.join(", ")} (got ${describeValue(v)})`);
        }
        return true;
    }

    /** A boolean. */
    boolean(property: string, v: unknown): boolean {
        if (v === undefined || isUnknown(v)) return true;
        if (typeof v !== "boolean") return this.fail(property, `must be true or false (got ${describeValue(v)})`);
        return true;
    }

    /** An object (not an array); returns it for nested checks, or undefined when absent/unknown/invalid. */
    object(property: string, v: unknown): Record<string, unknown> | undefined {
        if (v === undefined || isUnknown(v)) return undefined;
        if (v === null || typeof v !== "object" || Array.isArray(v)) {
            this.fail(property, `must be an object (got ${describeValue(v)})`);
            return undefined;
        }
        return v as Record<string, unknown>;
    }

    /** An array with an item count in [min, max]; returns it, or undefined when absent/unknown/invalid. */
    array(property: string, v: unknown, min = 0, max = Infinity): unknown[] | undefined {
        if (v === undefined || isUnknown(v)) return undefined;
        if (!Array.isArray(v)) {
            this.fail(property, `must be a list (got ${describeValue(v)})`);
            return undefined;
        }
        if (v.length < min || v.length > max) {
            const rule =
                min === max
                    ? `must have exactly ${min} item${min === 1 ? "" : "s"}`
                    : `must have ${min} to ${max === Infinity ? "any number of" : max} items`;
            this.fail(property, `${rule} (got ${v.length})`);
            return undefined;
        }
        return v;
    }

    /** An `s3://bucket[/key]` URI as Voice ID accepts it. */
    s3Uri(property: string, v: unknown): boolean {
        return (
            this.length(property, v, 1, S3_URI_MAX_LENGTH) &&
            this.pattern(
                property,
                v,
                S3_URI_PATTERN,
                "must be an S3 URI s3://<bucket>[/<key>] with a lowercase bucket name of 3-63 characters",
            )
        );
    }

    /** Rejects properties the resource does not know (typos would otherwise be silently ignored). */
    noUnknownKeys(prefix: string, obj: Record<string, unknown>, known: readonly string[]): boolean {
        let ok = true;
        for (const k of Object.keys(obj)) {
            if (!known.includes(k)) {
                ok = this.fail(
                    prefix ? `${prefix}.${k}` : k,
                    `is not a known property (expected one of ${known.join(", ")})`,
                );
            }
        }
        return ok;
    }
}

/** Error thrown outside `check` (create, import) when inputs break rules; lists every failure. */
export class InputValidationError extends Error {
    constructor(
        readonly resource: string,
        readonly failures: Failure[],
    ) {
        super(formatFailures(resource, failures));
        this.name = "InputValidationError";
    }
}

/** `<resource>: invalid inputs:\n  <path>: <rule>\n  ...` */
export function formatFailures(resource: string, failures: Failure[]): string {
    return `${resource}: invalid inputs:\n  ${failures.map((f) => `${f.property}: ${f.reason}`).join("\n  ")}`;
}

/**
 * The inputs a create or update receives, without the engine's `__provider`, validated: throws
 * one error naming every broken rule.
 */
export function validInputs<T>(
    resource: string,
    props: Record<string, unknown>,
    validate: (inputs: Record<string, unknown>) => Failure[],
): T {
    const { __provider: _p, ...inputs } = props ?? {};
    const failures = validate(inputs);
    if (failures.length) throw new Error(formatFailures(resource, failures));
    return inputs as T;
}
