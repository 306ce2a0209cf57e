/**
 * The IAM role Voice ID assumes to read a registration job's inputs and write its results.
 * @module
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsScopeArgs, checkScopeArgs, resolveAwsScope, stableName } from "./awsScope";
import { buildDataAccessPolicy, buildTrustPolicy, iamRoleArn, trustsVoiceId } from "./policies";
import { IAM_PATH_PATTERN, IAM_ROLE_NAME_PATTERN, Issues, isKnown } from "./validation";

/** Arguments of {@link VoiceIdDataAccessRole}. Give `existingRoleArn`, or what a new role needs. */
export interface VoiceIdDataAccessRoleArgs extends AwsScopeArgs {
    /**
     * Use this existing role instead of creating one. Its ARN is checked at preview (the pattern
     * and length StartFraudsterRegistrationJob enforces) and, unless `validateExistingRole` is
     * false, the role is looked up to check that it exists and trusts `voiceid.amazonaws.com`.
     * Nothing is created, and the creation arguments below must be left out.
     */
    existingRoleArn?: pulumi.Input<string>;
    /**
     * Look the existing role up (`aws.iam.getRole`, needs iam:GetRole) and fail the preview if it
     * is missing or not trusted by Voice ID. Default: true. Only with `existingRoleArn`.
     */
    validateExistingRole?: boolean;
    /**
     * Physical name of the new role. Default: `voiceid-<stack>-<component name>` (see
     * {@link VoiceIdDataAccessRole.defaultRoleName}), fixed rather than random so that the output
     * key's policy can name the role before it exists.
     */
    roleName?: pulumi.Input<string>;
    /** IAM path of the new role. Default: `/`. */
    path?: pulumi.Input<string>;
    /** Description of the new role. */
    description?: pulumi.Input<string>;
    /**
     * The Voice ID domain (22 alphanumerics) allowed to use the role. When given, the trust policy
     * requires `aws:SourceArn` to be that domain's ARN; otherwise any Voice ID domain of the
     * account in the region (`ArnLike` on `arn:<partition>:voiceid:<region>:<account>:domain/*`).
     * `aws:SourceAccount` is required either way.
     */
    domainId?: pulumi.Input<string>;
    /**
     * The S3 locations Voice ID reads: the manifest(s) and every audio file (s3:GetObject on
     * exactly these). A URI ending in `/` is a folder and grants every object under it. Typically
     * `[manifest.s3Uri, ...]` plus `manifest.audioS3Uris`. Required for a new role.
     */
    inputS3Uris?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The S3 folder results are written to (`OutputDataConfig.S3Uri` of the job): s3:PutObject on
     * every object under it and nowhere else. Required for a new role.
     */
    outputS3Uri?: pulumi.Input<string>;
    /** ARNs of KMS keys that encrypt the manifest or audio objects: kms:Decrypt through S3 only. */
    inputKmsKeyArns?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * ARN of the KMS key the results are encrypted with (`OutputDataConfig.KmsKeyId`): kms:Decrypt
     * and kms:GenerateDataKey through S3 only. Typically {@link VoiceIdOutputKey.keyArn}.
     */
    outputKmsKeyArn?: pulumi.Input<string>;
    /** ARN of a permissions boundary for the new role, if your organisation requires one. */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for the new role. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const CREATION_ARGS = [
    "roleName",
    "path",
    "description",
    "domainId",
    "inputS3Uris",
    "outputS3Uri",
    "inputKmsKeyArns",
    "outputKmsKeyArn",
    "permissionsBoundary",
    "tags",
] as const;

/** Checks everything about the arguments that is known now; throws listing every problem. */
function checkArgs(name: string, args: VoiceIdDataAccessRoleArgs): void {
    const issues = new Issues();
    checkScopeArgs(issues, args);
    if (args.existingRoleArn !== undefined) {
        issues.roleArn("existingRoleArn", args.existingRoleArn);
        for (const field of CREATION_ARGS) {
            if (args[field] !== undefined) issues.add(field, "must not be set together with existingRoleArn");
        }
    } else {
        if (args.validateExistingRole !== undefined)
            issues.add("validateExistingRole", "applies only with existingRoleArn");
        issues.pattern(
            "roleName",
            args.roleName,
            IAM_ROLE_NAME_PATTERN,
            "must be an IAM role name of 1-64 characters [A-Za-z0-9+=,.@_-]",
        );
        issues.pattern("path", args.path, IAM_PATH_PATTERN, "must be an IAM path such as / or /voiceid/", 1, 512);
        issues.domainId("domainId", args.domainId);
        if (args.inputS3Uris === undefined) issues.add("inputS3Uris", "is required to create a role");
        issues.each("inputS3Uris", args.inputS3Uris, (p, v) => issues.s3Uri(p, v), 1);
        if (args.outputS3Uri === undefined) issues.add("outputS3Uri", "is required to create a role");
        issues.s3Uri("outputS3Uri", args.outputS3Uri);
        issues.each("inputKmsKeyArns", args.inputKmsKeyArns, (p, v) => issues.kmsKeyArn(p, v));
        issues.kmsKeyArn("outputKmsKeyArn", args.outputKmsKeyArn);
    }
    issues.throwIfAny(VoiceIdDataAccessRole.__pulumiType, name);
}

/**
 * The data access role of a Voice ID fraudster registration job.
 *
 * Creates an IAM role trusted only by `voiceid.amazonaws.com` for this account (and the domain,
 * when `domainId` is given), with an inline least-privilege policy over exactly the inputs, the
 * output folder and the keys given (see {@link buildDataAccessPolicy}). Or, given
 * `existingRoleArn`, checks that role and creates nothing.
 *
 * The role's policy is a separate `aws.iam.RolePolicy`, and {@link roleArn} resolves only once
 * that policy exists: a job that consumes `roleArn` therefore starts after the role can read
 * its inputs. The role has a fixed name, so {@link VoiceIdOutputKey} can name it in the key
 * policy without depending on it: the graph is key -> role policy, never a cycle.
 */
export class VoiceIdDataAccessRole extends pulumi.ComponentResource {
    /** @internal */
    public static readonly __pulumiType = "voiceid:components:VoiceIdDataAccessRole";

    /** ARN of the role to pass as `dataAccessRoleArn`; known only once its permissions are attached. */
    public readonly roleArn: pulumi.Output<string>;
    /** Name of the role. */
    public readonly roleName: pulumi.Output<string>;
    /** The trust policy JSON of the created role (undefined for an existing role). */
    public readonly trustPolicy: pulumi.Output<string | undefined>;
    /** The permissions policy JSON of the created role (undefined for an existing role). */
    public readonly permissionsPolicy: pulumi.Output<string | undefined>;
    /**
     * The created `aws.iam.Role` (typed as a plain resource so the package's types do not need
     * `@pulumi/aws`); undefined when `existingRoleArn` was given.
     */
    public readonly role?: pulumi.CustomResource;
    /** The role's inline `aws.iam.RolePolicy`; undefined when `existingRoleArn` was given. */
    public readonly policy?: pulumi.CustomResource;

    /**
     * The role name used when `roleName` is not given: `voiceid-<stack>-<name>`, shortened with a
     * hash to IAM's 64 characters. Use it to tell {@link VoiceIdOutputKey} which role to trust.
     */
    public static defaultRoleName(name: string): string {
        return stableName(name, 64);
    }

    /**
     * @param name The component's unique name.
     * @param args Either `existingRoleArn` or the inputs, output folder and keys of a new role.
     * @param opts Component options; the AWS provider given here is used by the children.
     */
    constructor(name: string, args: VoiceIdDataAccessRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        checkArgs(name, args);
        super(VoiceIdDataAccessRole.__pulumiType, name, {}, opts);

        if (args.existingRoleArn !== undefined) {
            const arn = pulumi.output(args.existingRoleArn);
            const roleName = arn.apply((a) => a.split("/").pop() as string);
            this.roleName = roleName;
            this.roleArn = args.validateExistingRole === false ? arn : this.lookUpExistingRole(name, arn, roleName);
            this.trustPolicy = pulumi.output(undefined);
            this.permissionsPolicy = pulumi.output(undefined);
        } else {
            const scope = resolveAwsScope(args, this);
            const roleName = args.roleName ?? VoiceIdDataAccessRole.defaultRoleName(name);
            const trustPolicy = pulumi
                .all([scope, args.domainId])
                .apply(([s, domainId]) => JSON.stringify(buildTrustPolicy({ scope: s, domainId })));
            const permissionsPolicy = pulumi
                .all([scope, args.inputS3Uris, args.outputS3Uri, args.inputKmsKeyArns, args.outputKmsKeyArn])
                .apply(([s, inputS3Uris, outputS3Uri, inputKmsKeyArns, outputKmsKeyArn]) => {
                    // Values that were Outputs at construction are checked here, once known.
                    checkArgs(name, { inputS3Uris, outputS3Uri, inputKmsKeyArns, outputKmsKeyArn });
                    return JSON.stringify(
                        buildDataAccessPolicy({
                            scope: s,
                            inputS3Uris: inputS3Uris!,
                            outputS3Uri: outputS3Uri!,
                            inputKmsKeyArns,
                            outputKmsKeyArn,
                        }),
                    );
                });
            const role = new aws.iam.Role(
                name,
                {
                    name: roleName,
                    path: args.path ?? "/",
                    description:
                        args.description ?? "Assumed by Amazon Connect Voice ID to run fraudster registration jobs",
                    assumeRolePolicy: trustPolicy,
                    permissionsBoundary: args.permissionsBoundary,
                    tags: args.tags,
                },
                { parent: this },
            );
            const policy = new aws.iam.RolePolicy(
                name,
                {
                    role: role.name,
                    name: "voiceid-data-access",
                    policy: permissionsPolicy,
                },
                { parent: this },
            );
            this.role = role;
            this.policy = policy;
            this.roleName = role.name;
            // Depending on policy.id too makes consumers wait until the permissions are in place.
            this.roleArn = pulumi.all([role.arn, policy.id]).apply(([arn]) => arn);
            this.trustPolicy = trustPolicy;
            this.permissionsPolicy = permissionsPolicy;
        }

        this.registerOutputs({
            roleArn: this.roleArn,
            roleName: this.roleName,
            trustPolicy: this.trustPolicy,
            permissionsPolicy: this.permissionsPolicy,
        });
    }

    /** The ARN a new role with this name and path will have; for key policies written before it exists. */
    public static arnFor(partition: string, accountId: string, roleName: string, path = "/"): string {
        return iamRoleArn(partition, accountId, roleName, path);
    }

    private lookUpExistingRole(
        name: string,
        arn: pulumi.Output<string>,
        roleName: pulumi.Output<string>,
    ): pulumi.Output<string> {
        const found = aws.iam.getRoleOutput({ name: roleName }, { parent: this });
        return pulumi.all([arn, found.arn, found.assumeRolePolicy]).apply(([given, actual, trust]) => {
            const issues = new Issues();
            if (isKnown(actual) && actual !== given) {
                issues.add(
                    "existingRoleArn",
                    `names role ${actual.split("/").pop()} whose ARN is ${actual}, not ${given}`,
                );
            }
            if (!trustsVoiceId(trust)) {
                issues.add(
                    "existingRoleArn",
                    "the role's trust policy must allow voiceid.amazonaws.com to call sts:AssumeRole",
                );
            }
            issues.throwIfAny(VoiceIdDataAccessRole.__pulumiType, name);
            return given;
        });
    }
}
