/**
 * Pure builders for the IAM and KMS policy documents of the helper components.
 *
 * The components call these with resolved values, and the tests call them with the same plain
 * inputs: what the mocks see and what moto's IAM validates is one and the same document.
 * Output is deterministic (resources sorted and de-duplicated) so an unchanged input never shows
 * a policy diff in preview.
 * @module
 */

/** The policy language version every document uses. */
export const POLICY_VERSION = "2012-10-17";

/** A JSON policy condition block: operator -> condition key -> value(s). */
export type PolicyConditions = Record<string, Record<string, string | string[]>>;

/** One statement of an IAM or KMS key policy document. */
export interface PolicyStatement {
    /** Statement id, unique in its document; says what the statement is for. */
    Sid: string;
    /** Allow or Deny. */
    Effect: "Allow" | "Deny";
    /** Who the statement applies to (trust and key policies only). */
    Principal?: { Service?: string | string[]; AWS?: string | string[] };
    /** The actions allowed or denied. */
    Action: string | string[];
    /** The resources (absent in trust policies; `"*"` in key policies means "this key"). */
    Resource?: string | string[];
    /** Conditions that must all hold. */
    Condition?: PolicyConditions;
}

/** An IAM policy document. */
export interface PolicyDocument {
    /** Always `2012-10-17`. */
    Version: typeof POLICY_VERSION;
    /** The statements, in a stable order. */
    Statement: PolicyStatement[];
}

/** Where the policies apply: resolved from the provider or given in the component args. */
export interface AwsScope {
    /** AWS partition, e.g. `aws`, `aws-cn`, `aws-us-gov`. */
    partition: string;
    /** The 12-digit account that owns the role, the key and the Voice ID domain. */
    accountId: string;
    /** The region of the Voice ID domain, the buckets and the key, e.g. `us-east-1`. */
    region: string;
    /** The partition's DNS suffix (`amazonaws.com`, `amazonaws.com.cn`), for `kms:ViaService`. */
    dnsSuffix: string;
}

/**
 * The administrative KMS actions key administrators get: manage, describe, rotate, tag, alias,
 * schedule deletion. Written out one by one, never as `kms:Create*` or `kms:*`: those include
 * `kms:CreateGrant`, and a grant can hand out Decrypt and GenerateDataKey without the
 * conditions of the key policy. No cryptographic operation is in the list.
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
];

import { VOICE_ID_SERVICE_PRINCIPAL } from "../shared/policyEval";
// The one S3 URI parser of the library (shared/s3Uri.ts), also exported here as it always was.
import { S3Location, parseS3Uri } from "../shared/s3Uri";
export { S3Location, parseS3Uri };

/**
 * The ARN s3:GetObject needs for an input location. An object URI (`s3://b/calls/a.wav`) gives
 * exactly that object; a URI ending in `/` (`s3://b/calls/`) is a folder and gives every object
 * under it (`arn:aws:s3:::b/calls/*`); a bare bucket (`s3://b` or `s3://b/`) gives all of it.
 */
export function s3InputArn(partition: string, uri: string): string {
    const { bucket, key } = parseS3Uri(uri);
    if (key === "" || key.endsWith("/")) return `arn:${partition}:s3:::${bucket}/${key}*`;
    return `arn:${partition}:s3:::${bucket}/${key}`;
}

/**
 * The ARN s3:PutObject needs for an output folder: every object under it
 * (`s3://out/folder` -> `arn:aws:s3:::out/folder/*`), since Voice ID writes
 * `<folder>/<JobId>/<input file name>.out` and the job id is not known in advance.
 */
export function s3FolderArn(partition: string, uri: string): string {
    const { bucket, key } = parseS3Uri(uri);
    const folder = key.replace(/\/+$/, "");
    return folder === "" ? `arn:${partition}:s3:::${bucket}/*` : `arn:${partition}:s3:::${bucket}/${folder}/*`;
}

/** The ARN of a Voice ID domain: `arn:<partition>:voiceid:<region>:<account>:domain/<domainId>`. */
export function voiceIdDomainArn(
    scope: Pick<AwsScope, "partition" | "region" | "accountId">,
    domainId: string,
): string {
    return `arn:${scope.partition}:voiceid:${scope.region}:${scope.accountId}:domain/${domainId}`;
}

/** The ARN of an IAM role from its name and path (`/` by default). */
export function iamRoleArn(partition: string, accountId: string, roleName: string, path = "/"): string {
    return `arn:${partition}:iam::${accountId}:role${path}${roleName}`;
}

/** The account root principal, through which a key policy delegates to IAM policies. */
export function accountRootArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:root`;
}

/** The `kms:ViaService` value for S3 in a region, e.g. `s3.us-east-1.amazonaws.com`. */
export function s3ViaService(region: string, dnsSuffix: string): string {
    return `s3.${region}.${dnsSuffix}`;
}

/** The DNS suffix of a partition, for when the partition is given rather than looked up. */
export function dnsSuffixForPartition(partition: string): string {
    switch (partition) {
        case "aws-cn":
            return "amazonaws.com.cn";
        case "aws-iso":
            return "c2s.ic.gov";
        case "aws-iso-b":
            return "sc2s.sgov.gov";
        default:
            return "amazonaws.com";
    }
}

/** Sorted, de-duplicated copy; a single item collapses to a string the way IAM echoes it back. */
function oneOrMany(values: Iterable<string>): string | string[] {
    const sorted = [...new Set(values)].sort();
    return sorted.length === 1 ? sorted[0] : sorted;
}

/** Inputs of {@link buildTrustPolicy}. */
export interface TrustPolicyInput {
    /** Partition, account and region of the Voice ID domain. */
    scope: Pick<AwsScope, "partition" | "accountId" | "region">;
    /**
     * The domain allowed to use the role; when absent, any Voice ID domain of the account in the
     * region may (`aws:SourceArn` like `arn:<partition>:voiceid:<region>:<account>:domain/*`).
     */
    domainId?: string;
}

/**
 * The trust policy of the data access role: only `voiceid.amazonaws.com` may assume it, only on
 * behalf of this account (`aws:SourceAccount`) and only for a Voice ID domain (`aws:SourceArn`):
 * exactly the given domain (`ArnEquals`), or else any domain of the account in the region
 * (`ArnLike` on `.../domain/*`). Both conditions stop a confused deputy: another account's
 * domain, or another service acting for this account, cannot make Voice ID use this role.
 */
export function buildTrustPolicy(input: TrustPolicyInput): PolicyDocument {
    const condition: PolicyConditions = { StringEquals: { "aws:SourceAccount": input.scope.accountId } };
    if (input.domainId !== undefined) {
        condition.ArnEquals = { "aws:SourceArn": voiceIdDomainArn(input.scope, input.domainId) };
    } else {
        condition.ArnLike = { "aws:SourceArn": voiceIdDomainArn(input.scope, "*") };
    }
    return {
        Version: POLICY_VERSION,
        Statement: [
            {
                Sid: "VoiceIdAssumesRoleForThisAccount",
                Effect: "Allow",
                Principal: { Service: VOICE_ID_SERVICE_PRINCIPAL },
                Action: "sts:AssumeRole",
                Condition: condition,
            },
        ],
    };
}

/** Inputs of {@link buildDataAccessPolicy}. */
export interface DataAccessPolicyInput {
    /** Partition, region and DNS suffix (the account is implied by the ARNs). */
    scope: Pick<AwsScope, "partition" | "region" | "dnsSuffix">;
    /** Manifests and audio Voice ID reads: object URIs, or folder URIs ending in `/`. */
    inputS3Uris: string[];
    /** The folder Voice ID writes the results under. */
    outputS3Uri: string;
    /** ARNs of the KMS keys that encrypt the manifests or audio. */
    inputKmsKeyArns?: string[];
    /** ARN of the KMS key Voice ID encrypts the output file with. */
    outputKmsKeyArn?: string;
}

/**
 * The permissions policy of the data access role, least privilege: s3:GetObject on exactly the
 * input locations, s3:PutObject under the output folder, kms:Decrypt on the input keys and
 * kms:Decrypt + kms:GenerateDataKey on the output key (S3 needs both to write SSE-KMS objects,
 * Decrypt for multipart uploads). The KMS grants hold only when S3 in this region calls KMS for
 * the role (`kms:ViaService`), so the role cannot use the keys directly. No `*` resource.
 */
export function buildDataAccessPolicy(input: DataAccessPolicyInput): PolicyDocument {
    const { partition, region, dnsSuffix } = input.scope;
    if (input.inputS3Uris.length === 0) throw new Error("inputS3Uris must not be empty");
    const viaS3: PolicyConditions = { StringEquals: { "kms:ViaService": s3ViaService(region, dnsSuffix) } };
    const statements: PolicyStatement[] = [
        {
            Sid: "ReadRegistrationInputs",
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: oneOrMany(input.inputS3Uris.map((uri) => s3InputArn(partition, uri))),
        },
        {
            Sid: "WriteRegistrationResults",
            Effect: "Allow",
            Action: "s3:PutObject",
            Resource: s3FolderArn(partition, input.outputS3Uri),
        },
    ];
    const inputKeys = (input.inputKmsKeyArns ?? []).filter((arn) => arn !== input.outputKmsKeyArn);
    if (inputKeys.length > 0) {
        statements.push({
            Sid: "DecryptInputsThroughS3",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: oneOrMany(inputKeys),
            Condition: viaS3,
        });
    }
    if (input.outputKmsKeyArn !== undefined) {
        statements.push({
            Sid: "EncryptResultsThroughS3",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: input.outputKmsKeyArn,
            Condition: viaS3,
        });
    }
    return { Version: POLICY_VERSION, Statement: statements };
}

/** Who administers a customer managed key (the first statement of every key policy here). */
export interface KeyAdministrationInput {
    /**
     * Principal ARNs allowed to administer the key, matched with `ArnLike` against
     * `aws:PrincipalArn` (wildcards allowed). Absent or empty: administration is delegated to
     * the account's IAM policies, as AWS's default key policy does.
     */
    keyAdministrators?: string[];
}

/**
 * The statement that lets administrators manage a key ({@link KEY_ADMIN_ACTIONS}: no
 * cryptographic use, no grants). Principal is the account root, narrowed by `aws:PrincipalArn`
 * when administrators are named, so the key policy can name roles that do not exist yet and
 * survives their re-creation. KMS refuses a key policy that would lock out the principal that
 * sets it, so a deployer missing from `keyAdministrators` fails at creation, not later.
 */
export function keyAdministrationStatement(
    scope: Pick<AwsScope, "partition" | "accountId">,
    input: KeyAdministrationInput,
): PolicyStatement {
    const named = input.keyAdministrators !== undefined && input.keyAdministrators.length > 0;
    return keyStatement(
        scope,
        "AdministratorsManageKey",
        [...KEY_ADMIN_ACTIONS],
        named ? { ArnLike: { "aws:PrincipalArn": oneOrMany(input.keyAdministrators!) } } : undefined,
    );
}

/**
 * A key policy statement of the shape every statement of the two key policies has: allowed to the
 * account root (so to the account's IAM policies, or to the principals the conditions name), on
 * this key (`"Resource": "*"`), under the given conditions if any.
 */
function keyStatement(
    scope: Pick<AwsScope, "partition" | "accountId">,
    sid: string,
    action: string | string[],
    condition?: PolicyConditions,
): PolicyStatement {
    const statement: PolicyStatement = {
        Sid: sid,
        Effect: "Allow",
        Principal: { AWS: accountRootArn(scope.partition, scope.accountId) },
        Action: action,
        Resource: "*",
    };
    if (condition !== undefined) statement.Condition = condition;
    return statement;
}

/**
 * The `kms:EncryptionContext:aws:s3:arn` values S3 uses for objects under an output folder: the
 * objects' ARNs (`arn:aws:s3:::bucket/folder/*`) and the bucket's ARN, which S3 uses instead
 * when the bucket has S3 Bucket Keys enabled.
 */
export function s3EncryptionContextArns(partition: string, outputS3Uri: string): string[] {
    const { bucket } = parseS3Uri(outputS3Uri);
    return [`arn:${partition}:s3:::${bucket}`, s3FolderArn(partition, outputS3Uri)];
}

/** Inputs of {@link buildOutputKeyPolicy}. */
export interface OutputKeyPolicyInput extends KeyAdministrationInput {
    /** Partition, account, region and DNS suffix of the key. */
    scope: AwsScope;
    /** ARNs of the data access roles that encrypt results with the key (known before they exist). */
    dataAccessRoleArns: string[];
    /** The folder the results are written under (`OutputDataConfig.S3Uri`): the key works only there. */
    outputS3Uri: string;
    /**
     * Principals allowed to decrypt the results through S3 (`aws:PrincipalArn`, wildcards
     * allowed). Absent or empty: decryption of the results through S3 is delegated to the
     * account's IAM policies (a principal needs an IAM policy allowing kms:Decrypt on the key).
     */
    resultsReaders?: string[];
}

/**
 * The key policy of the output key. Every statement names the account root as principal, never
 * the role itself, and narrows with conditions:
 * - administrators manage the key: the actions of `KEY_ADMIN_ACTIONS`, no cryptographic use,
 *   no grants;
 * - the data access role may Decrypt and GenerateDataKey, only through S3 in this region
 *   (`aws:PrincipalArn` + `kms:ViaService`); its IAM policy must grant the same on the key ARN,
 *   so use is gated twice;
 * - readers of the results may Decrypt through S3 in this region.
 * Both uses hold only for objects under the output folder (or the bucket, with S3 Bucket Keys):
 * `kms:EncryptionContext:aws:s3:arn`, which S3 sets and callers cannot choose, ties the key to
 * the results. Nobody gets `kms:CreateGrant`, so no grant can bypass these conditions.
 * Naming the role by `aws:PrincipalArn` instead of as principal means the key does not need the
 * role to exist (KMS rejects principals that do not exist) and survives the role's re-creation
 * (a principal is pinned to the role's unique id). In key policies `"Resource": "*"` means
 * "this key".
 */
export function buildOutputKeyPolicy(input: OutputKeyPolicyInput): PolicyDocument {
    const { partition, accountId, region, dnsSuffix } = input.scope;
    if (input.dataAccessRoleArns.length === 0) throw new Error("dataAccessRoleArns must not be empty");
    const throughS3ToResults = (): PolicyConditions => ({
        StringEquals: { "kms:ViaService": s3ViaService(region, dnsSuffix), "kms:CallerAccount": accountId },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": s3EncryptionContextArns(partition, input.outputS3Uri) },
    });
    const readerCondition = throughS3ToResults();
    if (input.resultsReaders !== undefined && input.resultsReaders.length > 0) {
        readerCondition.ArnLike = { "aws:PrincipalArn": oneOrMany(input.resultsReaders) };
    }
    return {
        Version: POLICY_VERSION,
        Statement: [
            keyAdministrationStatement(input.scope, input),
            keyStatement(
                input.scope,
                "DataAccessRoleEncryptsResultsThroughS3",
                ["kms:Decrypt", "kms:GenerateDataKey"],
                { ArnEquals: { "aws:PrincipalArn": oneOrMany(input.dataAccessRoleArns) }, ...throughS3ToResults() },
            ),
            keyStatement(input.scope, "ReadersDecryptResultsThroughS3", "kms:Decrypt", readerCondition),
        ],
    };
}

/** The `kms:ViaService` value for Voice ID in a region, e.g. `voiceid.us-east-1.amazonaws.com`. */
export function voiceIdViaService(region: string, dnsSuffix: string): string {
    return `voiceid.${region}.${dnsSuffix}`;
}

/** Inputs of {@link buildDomainKeyPolicy}. */
export interface DomainKeyPolicyInput extends KeyAdministrationInput {
    /** Partition, account, region and DNS suffix of the key and the domain. */
    scope: AwsScope;
    /**
     * Principals that may use the key through Voice ID: those that create or update the domain
     * and call Voice ID's APIs on it (the deployer, Amazon Connect's role), matched with
     * `ArnLike` against `aws:PrincipalArn`. Absent or empty: delegated to the account's IAM
     * policies, still only through Voice ID in this region.
     */
    keyUsers?: string[];
}

/**
 * The key policy of a Voice ID domain's encryption key. Voice ID uses the key on behalf of the
 * caller of its APIs: it describes the key, creates a grant for itself when the domain is
 * created or updated, and decrypts and generates data keys. So key users get `kms:Decrypt`,
 * `kms:DescribeKey`, `kms:GenerateDataKey` only through Voice ID in this region
 * (`kms:ViaService`), and `kms:CreateGrant` only through Voice ID and only for an AWS resource
 * (`kms:GrantIsForAWSResource`): nobody can create a grant outside Voice ID. Administrators
 * manage the key, as for the output key.
 */
export function buildDomainKeyPolicy(input: DomainKeyPolicyInput): PolicyDocument {
    const { accountId, region, dnsSuffix } = input.scope;
    const throughVoiceId = (): PolicyConditions => {
        const condition: PolicyConditions = {
            StringEquals: { "kms:ViaService": voiceIdViaService(region, dnsSuffix), "kms:CallerAccount": accountId },
        };
        if (input.keyUsers !== undefined && input.keyUsers.length > 0) {
            condition.ArnLike = { "aws:PrincipalArn": oneOrMany(input.keyUsers) };
        }
        return condition;
    };
    return {
        Version: POLICY_VERSION,
        Statement: [
            keyAdministrationStatement(input.scope, input),
            keyStatement(
                input.scope,
                "UsersEncryptDomainDataThroughVoiceId",
                ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
                throughVoiceId(),
            ),
            keyStatement(input.scope, "UsersLetVoiceIdCreateGrants", "kms:CreateGrant", {
                ...throughVoiceId(),
                Bool: { "kms:GrantIsForAWSResource": "true" },
            }),
        ],
    };
}

/** Names the statement's Principal.Service values, whatever shape they were written in. */
function servicePrincipals(statement: { Principal?: unknown }): string[] {
    const principal = statement.Principal as { Service?: string | string[] } | undefined;
    if (!principal || typeof principal !== "object" || principal.Service === undefined) return [];
    return Array.isArray(principal.Service) ? principal.Service : [principal.Service];
}

/**
 * True when a trust policy (JSON, possibly URL-encoded as IAM returns it) has an Allow statement
 * letting `voiceid.amazonaws.com` call sts:AssumeRole. Used to validate an existing role.
 */
export function trustsVoiceId(trustPolicy: string): boolean {
    let text = trustPolicy.trim();
    if (text.startsWith("%7B") || text.startsWith("%7b")) text = decodeURIComponent(text);
    let doc: { Statement?: unknown };
    try {
        doc = JSON.parse(text);
    } catch {
        return false;
    }
    const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return statements.some((s: { Effect?: string; Action?: string | string[]; Principal?: unknown }) => {
        const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
        return (
            s.Effect === "Allow" &&
            servicePrincipals(s).includes(VOICE_ID_SERVICE_PRINCIPAL) &&
            actions.some((a) => a === "sts:AssumeRole" || a === "sts:*" || a === "*")
        );
    });
}
