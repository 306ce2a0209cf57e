/**
 * The KMS key that encrypts a Voice ID domain's data.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { KmsKeyOptionsArgs, checkKmsKeyOptions, checkPrincipalArns } from "./keyOptions";
import { KmsKeyComponent } from "./kmsKey";
import { buildDomainKeyPolicy } from "./policies";
import { Issues } from "./validation";

/** Arguments of {@link VoiceIdDomainKey}. All optional. */
export interface VoiceIdDomainKeyArgs extends KmsKeyOptionsArgs {
    /**
     * Principals that may use the key through Voice ID: whoever creates or updates the domain
     * (the principal running `pulumi up`) and calls Voice ID on it (Amazon Connect's service
     * role, your automation), matched with `ArnLike` against `aws:PrincipalArn`. Default:
     * delegated to the account's IAM policies; in either case only through Voice ID in this
     * region.
     */
    keyUsers?: pulumi.Input<pulumi.Input<string>[]>;
}

function checkArgs(name: string, args: VoiceIdDomainKeyArgs): void {
    const issues = new Issues();
    checkKmsKeyOptions(issues, args);
    checkPrincipalArns(issues, "keyUsers", args.keyUsers);
    issues.throwIfAny(VoiceIdDomainKey.__pulumiType, name);
}

/**
 * A customer managed KMS key for a Voice ID domain's `serverSideEncryptionConfiguration`:
 * symmetric, rotation on, with an alias and a key policy (see {@link buildDomainKeyPolicy})
 * under which key users may use it only through Voice ID in this region, Voice ID may create
 * its grants only for itself, and administrators manage it.
 *
 * A domain key and a job's output key are different keys on purpose: the output key works only
 * through S3 for the results folder ({@link VoiceIdOutputKey}), the domain key only through
 * Voice ID.
 *
 * @example
 * ```ts
 * const domainKey = new VoiceIdDomainKey("fraud-domain");
 * const domain = new VoiceIdDomain("fraud", {
 *     serverSideEncryptionConfiguration: { kmsKeyId: domainKey.keyArn },
 * });
 * ```
 */
export class VoiceIdDomainKey extends KmsKeyComponent {
    /** @internal */
    public static readonly __pulumiType = "voiceid:components:VoiceIdDomainKey";

    /** ARN of the key: pass it as the domain's `serverSideEncryptionConfiguration.kmsKeyId`. */
    declare public readonly keyArn: pulumi.Output<string>;

    /**
     * @param name The component's unique name.
     * @param args Key users, administrators and the key's options.
     * @param opts Component options; the AWS provider given here is used by the children.
     */
    constructor(name: string, args: VoiceIdDomainKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        checkArgs(name, args);
        super(
            VoiceIdDomainKey.__pulumiType,
            name,
            args,
            opts,
            (scope) =>
                pulumi.all([scope, args.keyUsers, args.keyAdministrators]).apply(([s, keyUsers, keyAdministrators]) => {
                    checkArgs(name, { keyUsers, keyAdministrators });
                    return JSON.stringify(buildDomainKeyPolicy({ scope: s, keyUsers, keyAdministrators }));
                }),
            "Encrypts the data of an Amazon Connect Voice ID domain",
        );
    }
}
