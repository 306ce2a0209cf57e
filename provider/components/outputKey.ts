/**
 * The KMS key that encrypts a registration job's output file.
 * @module
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsScopeArgs, checkScopeArgs, resolveAwsScope, stableName } from "./awsScope";
import { buildOutputKeyPolicy, iamRoleArn } from "./policies";
import { IAM_ROLE_NAME_PATTERN, Issues, KMS_ALIAS_PATTERN, PRINCIPAL_ARN_PATTERN, isKnown } from "./validation";

/**
 * Arguments of {@link VoiceIdOutputKey}. Name the data access role by `dataAccessRoleName` (a
 * role with path `/` in the key's account) or by `dataAccessRoleArn`; exactly one is required.
 */
export interface VoiceIdOutputKeyArgs extends AwsScopeArgs {
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
     * Who may decrypt the results through S3: principal ARNs matched with `ArnLike` against
     * `aws:PrincipalArn` (wildcards allowed, e.g. `arn:aws:iam::111122223333:role/analyst-*`).
     * Default: decryption through S3 is delegated to the account's IAM policies, as AWS's default
     * key policy does, but only for kms:Decrypt and only through S3 in this region.
     */
    resultReaderArns?: pulumi.Input<pulumi.Input<string>[]>;
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

/** Checks everything about the arguments that is known now; throws listing every problem. */
function checkArgs(name: string, args: VoiceIdOutputKeyArgs): void {
    const issues = new Issues();
    checkScopeArgs(issues, args);
    const given = [args.dataAccessRoleName, args.dataAccessRoleArn].filter((v) => v !== undefined).length;
    if (given !== 1) issues.add("dataAccessRoleName", "exactly one of dataAccessRoleName and dataAccessRoleArn is required");
    issues.pattern("dataAccessRoleName", args.dataAccessRoleName, IAM_ROLE_NAME_PATTERN, "must be an IAM role name of 1-64 characters [A-Za-z0-9+=,.@_-]");
    issues.roleArn("dataAccessRoleArn", args.dataAccessRoleArn);
    issues.each("resultReaderArns", args.resultReaderArns, (p, v) =>
        issues.pattern(p, v, PRINCIPAL_ARN_PATTERN, "must be an IAM principal ARN such as arn:aws:iam::<account>:role/<name>"));
    issues.pattern("aliasName", args.aliasName, KMS_ALIAS_PATTERN, "must be alias/<name> of A-Z a-z 0-9 / _ -", 7, 256);
    if (isKnown(args.aliasName) && String(args.aliasName).startsWith("alias/aws/")) {
        issues.add("aliasName", "must not start with alias/aws/ (reserved for AWS managed keys)");
    }
    issues.intRange("deletionWindowInDays", args.deletionWindowInDays, 7, 30);
    issues.intRange("rotationPeriodInDays", args.rotationPeriodInDays, 90, 2560);
    issues.throwIfAny(VoiceIdOutputKey.__pulumiType, name);
}

/**
 * A customer managed KMS key for Voice ID's output files: symmetric, rotation on, with an alias
 * and a key policy (see {@link buildOutputKeyPolicy}) under which the account administers the
 * key, the data access role may use it only through S3 in this region, and readers may decrypt
 * results only through S3 in this region.
 *
 * Breaking the key/role cycle: the role's permissions policy needs the key ARN, and the key
 * policy must name the role. The key policy names the role by a condition on `aws:PrincipalArn`
 * with the account root as principal, computed from the role's fixed name, not from the role
 * resource; so the key depends on nothing of the role, the role's policy depends on the key, and
 * the role can use the key only when both the key policy and its own IAM policy allow it.
 */
export class VoiceIdOutputKey extends pulumi.ComponentResource {
    /** @internal */
    public static readonly __pulumiType = "voiceid:components:VoiceIdOutputKey";

    /** ARN of the key: pass it as `outputDataConfig.kmsKeyId` and to the role's `outputKmsKeyArn`. */
    public readonly keyArn: pulumi.Output<string>;
    /** Id of the key. */
    public readonly keyId: pulumi.Output<string>;
    /** The alias name, `alias/...`. */
    public readonly aliasName: pulumi.Output<string>;
    /** The alias ARN. */
    public readonly aliasArn: pulumi.Output<string>;
    /** The key policy JSON. */
    public readonly keyPolicy: pulumi.Output<string>;
    /** The KMS key. */
    public readonly key: aws.kms.Key;
    /** The alias of the key. */
    public readonly alias: aws.kms.Alias;

    /**
     * @param name The component's unique name.
     * @param args The data access role to trust and the key's options.
     * @param opts Component options; the AWS provider given here is used by the children.
     */
    constructor(name: string, args: VoiceIdOutputKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        checkArgs(name, args);
        super(VoiceIdOutputKey.__pulumiType, name, {}, opts);

        const scope = resolveAwsScope(args, this);
        const keyPolicy = pulumi
            .all([scope, args.dataAccessRoleName, args.dataAccessRoleArn, args.resultReaderArns])
            .apply(([s, roleName, roleArn, readers]) => {
                checkArgs(name, { dataAccessRoleArn: roleArn, resultReaderArns: readers, dataAccessRoleName: roleName });
                const arn = roleArn ?? iamRoleArn(s.partition, s.accountId, roleName!);
                return JSON.stringify(buildOutputKeyPolicy({ scope: s, dataAccessRoleArns: [arn], resultReaderArns: readers }));
            });
        this.key = new aws.kms.Key(name, {
            description: args.description ?? "Encrypts Amazon Connect Voice ID fraudster registration results",
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: true,
            rotationPeriodInDays: args.rotationPeriodInDays,
            deletionWindowInDays: args.deletionWindowInDays ?? 30,
            policy: keyPolicy,
            tags: args.tags,
        }, { parent: this });
        this.alias = new aws.kms.Alias(name, {
            name: args.aliasName ?? `alias/${stableName(name, 250, /[^a-zA-Z0-9/_-]/g)}`,
            targetKeyId: this.key.keyId,
        }, { parent: this });

        this.keyArn = this.key.arn;
        this.keyId = this.key.keyId;
        this.aliasName = this.alias.name;
        this.aliasArn = this.alias.arn;
        this.keyPolicy = keyPolicy;
        this.registerOutputs({
            keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName, aliasArn: this.aliasArn,
            keyPolicy: this.keyPolicy,
        });
    }
}
