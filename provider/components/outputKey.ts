/**
 * The KMS key that encrypts a registration job's output file.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { KmsKeyOptionsArgs, checkKmsKeyOptions, checkPrincipalArns } from "./keyOptions";
import { KmsKeyComponent } from "./kmsKey";
import { buildOutputKeyPolicy, iamRoleArn } from "./policies";
import { IAM_ROLE_NAME_PATTERN, Issues } from "./validation";

/**
 * Arguments of {@link VoiceIdOutputKey}. Name the data access role by `dataAccessRoleName` (a
 * role with path `/` in the key's account) or by `dataAccessRoleArn`; exactly one is required.
 */
export interface VoiceIdOutputKeyArgs extends KmsKeyOptionsArgs {
    /**
     * Name of the data access role allowed to encrypt results with the key, e.g.
     * `VoiceIdDataAccessRole.defaultRoleName("voiceid-role")` or the `roleName` you gave it. A
     * plain name, not the role component's output: the key must not depend on the role, whose
     * policy depends on the key.
     */
    dataAccessRoleName?: pulumi.Input<string>;
    /**
     * Full ARN of the data access role, for a role with a path or an existing role. Must be
     * computable without creating the role (e.g. `VoiceIdDataAccessRole.arnFor(...)`) when the
     * role's policy refers to this key.
     */
    dataAccessRoleArn?: pulumi.Input<string>;
    /**
     * The S3 folder the job writes its results under (its `outputDataConfig.s3Uri`). The key
     * policy allows the key only for objects there (and for the bucket itself, which S3 names
     * instead when S3 Bucket Keys are on), through `kms:EncryptionContext:aws:s3:arn`. Required.
     */
    outputS3Uri: pulumi.Input<string>;
    /**
     * Who may decrypt the results through S3: principal ARNs matched with `ArnLike` against
     * `aws:PrincipalArn` (wildcards allowed, e.g. `arn:aws:iam::111122223333:role/analyst-*`).
     * Include the principal that runs `pulumi up` when the job reads its results
     * (`resultsStatus`). Default: delegated to the account's IAM policies (a principal needs an
     * IAM policy allowing kms:Decrypt on the key), and in either case only kms:Decrypt, only
     * through S3 in this region and only for the results.
     */
    resultsReaders?: pulumi.Input<pulumi.Input<string>[]>;
    /** @deprecated Use `resultsReaders` (same meaning). */
    // Compatibility shim, may be removed in 1.0.0: docs/compatibility.md
    resultReaderArns?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Checks everything about the arguments that is known now; throws listing every problem. */
function checkArgs(name: string, args: Partial<VoiceIdOutputKeyArgs>): void {
    const issues = new Issues();
    checkKmsKeyOptions(issues, args);
    const given = [args.dataAccessRoleName, args.dataAccessRoleArn].filter((v) => v !== undefined).length;
    if (given !== 1)
        issues.add("dataAccessRoleName", "exactly one of dataAccessRoleName and dataAccessRoleArn is required");
    issues.pattern(
        "dataAccessRoleName",
        args.dataAccessRoleName,
        IAM_ROLE_NAME_PATTERN,
        "must be an IAM role name of 1-64 characters [A-Za-z0-9+=,.@_-]",
    );
    issues.roleArn("dataAccessRoleArn", args.dataAccessRoleArn);
    if (args.outputS3Uri === undefined)
        issues.add("outputS3Uri", "is required: the key is allowed only for the results under it");
    issues.s3Uri("outputS3Uri", args.outputS3Uri);
    if (args.resultsReaders !== undefined && args.resultReaderArns !== undefined) {
        issues.add("resultReaderArns", "must not be set together with resultsReaders (it is its deprecated name)");
    }
    checkPrincipalArns(issues, "resultsReaders", args.resultsReaders);
    checkPrincipalArns(issues, "resultReaderArns", args.resultReaderArns);
    issues.throwIfAny(VoiceIdOutputKey.__pulumiType, name);
}

/**
 * A customer managed KMS key for Voice ID's output files: symmetric, rotation on, with an alias
 * and a key policy (see {@link buildOutputKeyPolicy}) under which administrators manage the key,
 * the data access role may use it only through S3 in this region, readers may decrypt only
 * through S3 in this region, and both only for objects under `outputS3Uri`.
 *
 * The key works only through S3, so it cannot be a domain's encryption key: use
 * {@link VoiceIdDomainKey} for `VoiceIdDomain`'s `serverSideEncryptionConfiguration`.
 *
 * Breaking the key/role cycle: the role's permissions policy needs the key ARN, and the key
 * policy must name the role. The key policy names the role by a condition on `aws:PrincipalArn`
 * with the account root as principal, computed from the role's fixed name, not from the role
 * resource; so the key depends on nothing of the role, the role's policy depends on the key, and
 * the role can use the key only when both the key policy and its own IAM policy allow it.
 */
export class VoiceIdOutputKey extends KmsKeyComponent {
    /** @internal */
    public static readonly __pulumiType = "voiceid:components:VoiceIdOutputKey";

    /** ARN of the key: pass it as `outputDataConfig.kmsKeyId` and to the role's `outputKmsKeyArn`. */
    declare public readonly keyArn: pulumi.Output<string>;

    /**
     * @param name The component's unique name.
     * @param args The data access role to trust, the results folder and the key's options.
     * @param opts Component options; the AWS provider given here is used by the children.
     */
    constructor(name: string, args: VoiceIdOutputKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        checkArgs(name, args);
        super(
            VoiceIdOutputKey.__pulumiType,
            name,
            args,
            opts,
            (scope) =>
                pulumi
                    .all([
                        scope,
                        args.dataAccessRoleName,
                        args.dataAccessRoleArn,
                        args.outputS3Uri,
                        args.resultsReaders ?? args.resultReaderArns,
                        args.keyAdministrators,
                    ])
                    .apply(([s, roleName, roleArn, outputS3Uri, readers, keyAdministrators]) => {
                        // Values that were Outputs at construction are checked here, once known.
                        checkArgs(name, {
                            dataAccessRoleArn: roleArn,
                            dataAccessRoleName: roleName,
                            outputS3Uri,
                            resultsReaders: readers,
                            keyAdministrators,
                        });
                        const arn = roleArn ?? iamRoleArn(s.partition, s.accountId, roleName!);
                        return JSON.stringify(
                            buildOutputKeyPolicy({
                                scope: s,
                                dataAccessRoleArns: [arn],
                                outputS3Uri,
                                resultsReaders: readers,
                                keyAdministrators,
                            }),
                        );
                    }),
            "Encrypts Amazon Connect Voice ID fraudster registration results",
        );
    }
}
