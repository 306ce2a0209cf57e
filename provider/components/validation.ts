/**
 * Preview-time argument checks for the helper components, on top of the shared rules of
 * `provider/shared/validation.ts` (same patterns and messages as the job resource's `check`).
 *
 * Every failure reads `<field path>: <rule>` (e.g. `requests[2].audio[0].channelId: must be 0 or 1`)
 * so a failing `pulumi preview` names exactly what to fix. The difference from the dynamic
 * resources: component arguments are `pulumi.Input`s, so a value may be a `pulumi.Output` or a
 * promise (another resource's output, unknown during preview). Such values are handed to the
 * shared rules as the engine's unknown placeholder, i.e. skipped, never rejected; the components
 * check them again once they resolve.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import {
    InputValidationError,
    REGION_PATTERN,
    ROLE_ARN_PATTERN,
    UNKNOWN,
    VOICE_ID_PATTERN,
    Validator,
    describeValue,
} from "../shared/validation";

export { S3_URI_MAX_LENGTH } from "../shared/validation";

/** An S3 bucket name as Voice ID's S3 URI pattern admits it. */
export const S3_BUCKET_PATTERN = /^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$/;
/** A KMS key ARN: IAM policies and key-policy conditions match keys by ARN, never by id or alias. */
export const KMS_KEY_ARN_PATTERN = /^arn:aws(-[^:]+)?:kms:[a-z0-9-]+:[0-9]{12}:key\/[A-Za-z0-9-]+$/;
/** An IAM role name (1-64 characters of `[\w+=,.@-]`). */
export const IAM_ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
/** An IAM path: `/` or `/segments/` of printable ASCII. */
export const IAM_PATH_PATTERN = /^\/([\x21-\x7E]*\/)?$/;
/** A KMS alias name; `alias/aws/` is reserved for AWS managed keys (checked separately). */
export const KMS_ALIAS_PATTERN = /^alias\/[a-zA-Z0-9/_-]+$/;
/** An IAM principal ARN usable in `aws:PrincipalArn` conditions (wildcards allowed for ArnLike). */
export const PRINCIPAL_ARN_PATTERN = /^arn:aws(-[^:]+)?:(iam|sts)::([0-9]{12}|\*):.+$/;
/** A 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^[0-9]{12}$/;
/** An AWS partition name. */
export const PARTITION_PATTERN = /^aws(-[a-z-]+)?$/;

export { InputValidationError, REGION_PATTERN };

/**
 * True when the value cannot be inspected synchronously: a `pulumi.Output` (possibly unknown in
 * preview), a promise, or Pulumi's unknown sentinel.
 */
export function isDeferred(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise || pulumi.isUnknown(value) || value === UNKNOWN;
}

/** A value the checks may inspect now: present and not deferred. */
export function isKnown<T>(value: pulumi.Input<T> | undefined): value is T {
    return value !== undefined && !isDeferred(value);
}

/** The value as the shared rules should see it: deferred values become the unknown placeholder. */
function now(value: unknown): unknown {
    return isDeferred(value) ? UNKNOWN : value;
}

/** Collects `<path>: <rule>` failures for one component, with rules that accept `pulumi.Input`s. */
export class Issues {
    private readonly v = new Validator();

    /** The failures as `<path>: <rule>` lines. */
    get messages(): string[] {
        return this.v.failures.map((f) => `${f.property}: ${f.reason}`);
    }

    /** Records that the value at `path` breaks `rule` (phrased `must ...` or `is ...`). */
    add(path: string, rule: string): void {
        this.v.fail(path, rule);
    }

    /** An S3 URI as Voice ID accepts it (pattern, at most 1024 characters). */
    s3Uri(path: string, value: unknown): void {
        this.v.s3Uri(path, now(value));
    }

    /** A string matching `pattern`, optionally within length bounds; `rule` says it in words. */
    pattern(path: string, value: unknown, pattern: RegExp, rule: string, minLength?: number, maxLength?: number): void {
        const v = now(value);
        if (minLength !== undefined && !this.v.length(path, v, minLength, maxLength ?? Infinity)) return;
        this.v.pattern(path, v, pattern, rule);
    }

    /** An IAM role ARN as StartFraudsterRegistrationJob accepts it (20-2048 characters). */
    roleArn(path: string, value: unknown): void {
        this.pattern(
            path,
            value,
            ROLE_ARN_PATTERN,
            "must be an IAM role ARN arn:<partition>:iam::<account>:role/<name>",
            20,
            2048,
        );
    }

    /** A KMS key ARN (key ids and aliases are refused: policies match keys by ARN). */
    kmsKeyArn(path: string, value: unknown): void {
        this.pattern(
            path,
            value,
            KMS_KEY_ARN_PATTERN,
            "must be a KMS key ARN arn:<partition>:kms:<region>:<account>:key/<id>, not a key id or alias",
        );
    }

    /** A Voice ID domain id. */
    domainId(path: string, value: unknown): void {
        this.pattern(path, value, VOICE_ID_PATTERN, "must be a Voice ID domain id of 22 alphanumerics");
    }

    /** An integer within bounds. */
    intRange(path: string, value: unknown, min: number, max: number): void {
        this.v.intRange(path, now(value), min, max);
    }

    /**
     * A list whose known elements pass `check`; a deferred list, and deferred elements, are
     * skipped. Item bounds are enforced only when the list itself is known.
     */
    each(
        path: string,
        value: unknown,
        check: (path: string, item: unknown) => void,
        minItems = 0,
        maxItems = Infinity,
    ): void {
        const v = now(value);
        if (v === undefined || v === UNKNOWN) return;
        if (!Array.isArray(v)) return void this.v.fail(path, `must be a list (got ${describeValue(v)})`);
        if (maxItems !== Infinity) this.v.array(path, v, minItems, maxItems);
        else if (v.length < minItems) {
            this.v.fail(
                path,
                minItems === 1 ? "must not be empty" : `must have at least ${minItems} items (got ${v.length})`,
            );
        }
        v.forEach((item, i) => check(`${path}[${i}]`, item));
    }

    /** Throws an {@link InputValidationError} listing every failure, if any. */
    throwIfAny(component: string, name: string): void {
        if (!this.v.ok) throw new InputValidationError(`${component} "${name}"`, this.v.failures);
    }
}
