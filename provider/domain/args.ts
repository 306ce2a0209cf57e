/**
 * Public argument and output types of {@link VoiceIdDomain}, plus the plain shapes its provider
 * works with.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceScope, TargetOutputs } from "../shared/scope";
import type { DomainStatus } from "../shared/domainCalls";

export type { DomainStatus } from "../shared/domainCalls";

/** Arguments of a {@link VoiceIdDomain}. */
export interface VoiceIdDomainArgs {
    /**
     * Domain name: 1-256 characters, letters, digits, `_` and `-`, starting with a letter or
     * digit. Defaults to the resource's logical name (with other characters replaced by `-`).
     * Sensitive: stored as a secret and never printed. Updated in place.
     */
    name?: pulumi.Input<string>;
    /**
     * A description (1-1024 characters: letters, digits, spaces and `_.:/=+-%@`). Sensitive.
     * Updated in place; removing it clears it in the service.
     */
    description?: pulumi.Input<string>;
    /**
     * The KMS key Voice ID encrypts the domain's data with. Changing it updates the domain in
     * place: Voice ID then re-encrypts the domain's data asynchronously (see
     * `serverSideEncryptionUpdateStatus`).
     */
    serverSideEncryptionConfiguration: pulumi.Input<ServerSideEncryptionConfigurationArgs>;
    /**
     * Tags of the domain (up to 200; keys 1-128 and values 0-256 characters of letters, digits,
     * spaces and `_.:/=+-@`). Keys and values are sensitive: the whole map is a secret output.
     * Updated in place with TagResource / UntagResource.
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** AWS region; else stack config `voiceid:region`, `aws:region`, then `AWS_REGION`. Changing it replaces the domain. */
    region?: pulumi.Input<string>;
    /**
     * Voice ID endpoint URL; else stack config `voiceid:endpoint`, then `AWS_ENDPOINT_URL_VOICE_ID`
     * / `AWS_ENDPOINT_URL`, then the SDK's default for the region. Changing it replaces the domain.
     */
    endpoint?: pulumi.Input<string>;
}

/** Server-side encryption of a domain. */
export interface ServerSideEncryptionConfigurationArgs {
    /**
     * KMS key id, key ARN, alias name or alias ARN (1-2048 characters). Voice ID does not
     * support asymmetric keys.
     */
    kmsKeyId: pulumi.Input<string>;
}

/** Inputs as the provider receives them (plain values; `scope` is filled by the resource class). */
export interface DomainInputs {
    name: string;
    description?: string;
    serverSideEncryptionConfiguration: { kmsKeyId: string };
    tags?: Record<string, string>;
    region?: string;
    endpoint?: string;
    scope?: ResourceScope;
    /** Set by the resource class from the `import` resource option: the domain id to adopt. */
    importId?: string;
}

/** Outputs the provider records: the inputs as the service holds them, plus what it assigned. */
export interface DomainOutputs extends DomainInputs, TargetOutputs {
    /** The domain's id (22 alphanumerics); also the resource id. */
    domainId: string;
    /** `arn:aws:voiceid:<region>:<account>:domain/<domainId>`. */
    arn: string;
    /** ACTIVE, PENDING or SUSPENDED. */
    status: DomainStatus;
    /** Id of the watchlist every domain has and that cannot be deleted. */
    defaultWatchlistId?: string;
    /** ISO 8601 creation time. */
    createdAt?: string;
    /** ISO 8601 time of the last update. */
    updatedAt?: string;
    /** Re-encryption after a key change: IN_PROGRESS, COMPLETED or FAILED (absent when the key never changed). */
    serverSideEncryptionUpdateStatus?: string;
    /** Why the last re-encryption failed, when it did. */
    serverSideEncryptionUpdateMessage?: string;
}
