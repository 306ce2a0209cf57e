/**
 * The options the two KMS key components share, and their checks. Types only on
 * `@pulumi/pulumi`: the package's declarations must not need `@pulumi/aws`.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsScopeArgs, checkScopeArgs } from "./awsScope";
import { Issues, KMS_ALIAS_PATTERN, PRINCIPAL_ARN_PATTERN, isKnown } from "./validation";

/** Options of a customer managed key created by {@link VoiceIdOutputKey} or {@link VoiceIdDomainKey}. */
export interface KmsKeyOptionsArgs extends AwsScopeArgs {
    /**
     * Principal ARNs allowed to administer the key (describe, enable/disable, rotate, tag, alias,
     * change the policy, schedule deletion; never use it or create grants), matched with
     * `ArnLike` against `aws:PrincipalArn`, e.g. `arn:aws:iam::111122223333:role/platform-admin`.
     * Include the principal that runs `pulumi up`: KMS refuses a key policy that locks its
     * author out. Default: administration is delegated to the account's IAM policies, as AWS's
     * default key policy does (only principals with an IAM policy allowing these actions).
     */
    keyAdministrators?: pulumi.Input<pulumi.Input<string>[]>;
    /** The alias, starting with `alias/`. Default: `alias/voiceid-<stack>-<component name>`. */
    aliasName?: pulumi.Input<string>;
    /** Description of the key. */
    description?: pulumi.Input<string>;
    /** Waiting period, 7-30 days, before a key scheduled for deletion is deleted. Default: 30. */
    deletionWindowInDays?: pulumi.Input<number>;
    /** Days between automatic rotations, 90-2560. Default: AWS's default (365). Rotation is always on. */
    rotationPeriodInDays?: pulumi.Input<number>;
    /** Tags for the key. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Checks a list of principal ARNs used in `aws:PrincipalArn` conditions. */
export function checkPrincipalArns(issues: Issues, path: string, value: unknown): void {
    issues.each(path, value, (p, v) =>
        issues.pattern(
            p,
            v,
            PRINCIPAL_ARN_PATTERN,
            "must be an IAM principal ARN such as arn:aws:iam::<account>:role/<name>",
        ),
    );
}

/** Checks the key options that are known now. */
export function checkKmsKeyOptions(issues: Issues, args: KmsKeyOptionsArgs): void {
    checkScopeArgs(issues, args);
    checkPrincipalArns(issues, "keyAdministrators", args.keyAdministrators);
    issues.pattern("aliasName", args.aliasName, KMS_ALIAS_PATTERN, "must be alias/<name> of A-Z a-z 0-9 / _ -", 7, 256);
    if (isKnown(args.aliasName) && String(args.aliasName).startsWith("alias/aws/")) {
        issues.add("aliasName", "must not start with alias/aws/ (reserved for AWS managed keys)");
    }
    issues.intRange("deletionWindowInDays", args.deletionWindowInDays, 7, 30);
    issues.intRange("rotationPeriodInDays", args.rotationPeriodInDays, 90, 2560);
}
