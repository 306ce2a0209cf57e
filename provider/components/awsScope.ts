/**
 * Resolves the partition, account and region the components' policies refer to.
 * @module
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsScope, dnsSuffixForPartition } from "./policies";
import { ACCOUNT_ID_PATTERN, Issues, PARTITION_PATTERN, REGION_PATTERN } from "./validation";

/**
 * Optional overrides of where the component's resources live. Whatever is not given is read from
 * the AWS provider the component uses (`aws.getCallerIdentity`, `aws.getRegion`,
 * `aws.getPartition`), so the policies always name the account and region the resources are
 * created in.
 */
export interface AwsScopeArgs {
    /** The 12-digit AWS account id. Default: the caller identity's account. */
    accountId?: pulumi.Input<string>;
    /** The region of the Voice ID domain, buckets and key, e.g. `us-east-1`. Default: the provider's region. */
    region?: pulumi.Input<string>;
    /** The AWS partition (`aws`, `aws-cn`, `aws-us-gov`). Default: the provider's partition. */
    partition?: pulumi.Input<string>;
}

/** Checks the scope overrides that are known now. */
export function checkScopeArgs(issues: Issues, args: AwsScopeArgs): void {
    issues.pattern("accountId", args.accountId, ACCOUNT_ID_PATTERN, "must be a 12-digit AWS account id");
    issues.pattern("region", args.region, REGION_PATTERN, "must be an AWS region name such as us-east-1");
    issues.pattern("partition", args.partition, PARTITION_PATTERN, "must be an AWS partition name such as aws");
}

/**
 * The scope as one output. Data sources are invoked only for the parts not given, with the
 * component as parent so they use the component's provider.
 */
export function resolveAwsScope(args: AwsScopeArgs, parent: pulumi.Resource): pulumi.Output<AwsScope> {
    const opts: pulumi.InvokeOutputOptions = { parent };
    const accountId = args.accountId ?? aws.getCallerIdentityOutput({}, opts).accountId;
    const region = args.region ?? aws.getRegionOutput({}, opts).region;
    let partition: pulumi.Input<string>;
    let dnsSuffix: pulumi.Input<string>;
    if (args.partition !== undefined) {
        partition = args.partition;
        dnsSuffix = pulumi.output(args.partition).apply(dnsSuffixForPartition);
    } else {
        const lookedUp = aws.getPartitionOutput({}, opts);
        partition = lookedUp.partition;
        dnsSuffix = lookedUp.dnsSuffix;
    }
    return pulumi
        .all([partition, accountId, region, dnsSuffix])
        .apply(([p, a, r, d]) => ({ partition: p, accountId: a, region: r, dnsSuffix: d }));
}

/**
 * A physical name that is the same in preview and up, so other resources can refer to it before
 * it exists: `voiceid-<stack>-<name>`, with characters outside `allowed` replaced by `-` and,
 * when longer than `maxLength`, shortened with a hash suffix that keeps it unique.
 */
export function stableName(name: string, maxLength: number, allowed: RegExp = /[^\w+=,.@-]/g): string {
    const full = `voiceid-${pulumi.getStack()}-${name}`.replace(allowed, "-");
    if (full.length <= maxLength) return full;
    // FNV-1a is enough to keep two long names apart; it is not a security boundary.
    let hash = 0x811c9dc5;
    for (const ch of full) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    const suffix = hash.toString(16).padStart(8, "0");
    return `${full.slice(0, maxLength - suffix.length - 1)}-${suffix}`;
}
