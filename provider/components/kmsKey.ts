/**
 * The key + alias pair the two KMS key components create under a given key policy.
 * @module
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stableName } from "./awsScope";
import { KmsKeyOptionsArgs } from "./keyOptions";

/** The key and alias a component created. */
interface CreatedKmsKey {
    key: aws.kms.Key;
    alias: aws.kms.Alias;
}

/** A symmetric key with rotation on, the given policy and an alias, children of `parent`. */
export function createKmsKey(
    parent: pulumi.ComponentResource, name: string, args: KmsKeyOptionsArgs, policy: pulumi.Input<string>,
    defaultDescription: string,
): CreatedKmsKey {
    const key = new aws.kms.Key(name, {
        description: args.description ?? defaultDescription,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        enableKeyRotation: true,
        rotationPeriodInDays: args.rotationPeriodInDays,
        deletionWindowInDays: args.deletionWindowInDays ?? 30,
        policy,
        tags: args.tags,
    }, { parent });
    const alias = new aws.kms.Alias(name, {
        name: args.aliasName ?? `alias/${stableName(name, 250, /[^a-zA-Z0-9/_-]/g)}`,
        targetKeyId: key.keyId,
    }, { parent });
    return { key, alias };
}
