/**
 * What the two KMS key components share: the key + alias pair they create under their own key
 * policy, and the outputs they expose. Its declarations name only `@pulumi/pulumi` types (the
 * package's types must not need `@pulumi/aws`); `@pulumi/aws` is used inside only.
 * @module
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resolveAwsScope, stableName } from "./awsScope";
import { KmsKeyOptionsArgs } from "./keyOptions";
import { AwsScope } from "./policies";

/**
 * A customer managed KMS key component: a symmetric key with rotation on, the key policy its
 * subclass builds and an alias. {@link VoiceIdOutputKey} and {@link VoiceIdDomainKey} are the
 * two kinds; they differ in their arguments and key policy.
 */
export abstract class KmsKeyComponent extends pulumi.ComponentResource {
    /** ARN of the key. */
    public readonly keyArn: pulumi.Output<string>;
    /** Id of the key. */
    public readonly keyId: pulumi.Output<string>;
    /** The alias name, `alias/...`. */
    public readonly aliasName: pulumi.Output<string>;
    /** The alias ARN. */
    public readonly aliasArn: pulumi.Output<string>;
    /** The key policy JSON. */
    public readonly keyPolicy: pulumi.Output<string>;
    /** The `aws.kms.Key` (typed as a plain resource so the package's types do not need `@pulumi/aws`). */
    public readonly key: pulumi.CustomResource;
    /** The `aws.kms.Alias` of the key. */
    public readonly alias: pulumi.CustomResource;

    /**
     * Creates the key and its alias as children of the component.
     * @param type The component's Pulumi type token.
     * @param name The component's unique name (also the children's).
     * @param args The key's options (and the scope overrides the policy is built for).
     * @param opts Component options; the AWS provider given here is used by the children.
     * @param keyPolicy Builds the key policy JSON once the scope (account, region, partition) is known.
     * @param defaultDescription The key's description when `args.description` is not given.
     */
    protected constructor(
        type: string,
        name: string,
        args: KmsKeyOptionsArgs,
        opts: pulumi.ComponentResourceOptions | undefined,
        keyPolicy: (scope: pulumi.Output<AwsScope>) => pulumi.Output<string>,
        defaultDescription: string,
    ) {
        super(type, name, {}, opts);
        this.keyPolicy = keyPolicy(resolveAwsScope(args, this));
        const key = new aws.kms.Key(
            name,
            {
                description: args.description ?? defaultDescription,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: true,
                rotationPeriodInDays: args.rotationPeriodInDays,
                deletionWindowInDays: args.deletionWindowInDays ?? 30,
                policy: this.keyPolicy,
                tags: args.tags,
            },
            { parent: this },
        );
        const alias = new aws.kms.Alias(
            name,
            {
                name: args.aliasName ?? `alias/${stableName(name, 250, /[^a-zA-Z0-9/_-]/g)}`,
                targetKeyId: key.keyId,
            },
            { parent: this },
        );
        this.key = key;
        this.alias = alias;
        this.keyArn = key.arn;
        this.keyId = key.keyId;
        this.aliasName = alias.name;
        this.aliasArn = alias.arn;
        this.registerOutputs({
            keyArn: this.keyArn,
            keyId: this.keyId,
            aliasName: this.aliasName,
            aliasArn: this.aliasArn,
            keyPolicy: this.keyPolicy,
        });
    }
}
