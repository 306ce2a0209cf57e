/**
 * The `VoiceIdDomain` resource class users instantiate.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../shared/lazyProvider";
import { GetOptions, VoiceIdResource, getArgs, hasTypeToken } from "../shared/resourceInputs";
import { voiceIdTypeToken } from "../shared/typeTokens";
import { DomainStatus, VoiceIdDomainArgs } from "./args";
import { defaultName } from "../shared/names";

/**
 * Package specifier of the implementation. Resolved by the dynamic provider host from the
 * program's directory at call time, so it must be a package name, never a path.
 */
// Compatibility: state-bound module path, never changes: docs/compatibility.md
export const DOMAIN_PROVIDER_MODULE = "pulumi-voiceid/provider/domain/provider";

/** Type token of the resource. */
export const DOMAIN_TYPE = voiceIdTypeToken("VoiceIdDomain");

const provider = lazyProvider(DOMAIN_PROVIDER_MODULE);

/**
 * No output is secret by itself: name, description and tags are secret exactly when the
 * program makes the input secret (`pulumi.secret(...)`), as in `@pulumi/aws`.
 */
const SECRET_OUTPUTS: string[] = [];

const OUTPUT_NAMES = [
    "name",
    "description",
    "serverSideEncryptionConfiguration",
    "tags",
    "arn",
    "status",
    "defaultWatchlistId",
    "createdAt",
    "updatedAt",
    "serverSideEncryptionUpdateStatus",
    "serverSideEncryptionUpdateMessage",
    "effectiveRegion",
] as const;

/**
 * An Amazon Connect Voice ID domain: the container of speakers, fraudsters and watchlists.
 *
 * Name, description, key and tags update in place; only a change of region or endpoint creates
 * a new domain. Destroy deletes it the way Voice ID does (softly: it stops being listed and
 * usable at once and is purged later). The resource id is the domain id, so
 * `{ import: "<domainId>" }` adopts an existing domain.
 *
 * @example
 * ```ts
 * const domain = new VoiceIdDomain("fraud", {
 *     description: "Fraud detection for the support line",
 *     serverSideEncryptionConfiguration: { kmsKeyId: key.arn },
 *     tags: { team: "fraud-ops" },
 * });
 * export const domainId = domain.domainId;
 * ```
 */
export class VoiceIdDomain extends VoiceIdResource {
    /** The domain's id (22 alphanumerics); equal to the resource id, so known in previews of updates. */
    readonly domainId: pulumi.Output<string>;
    /** `arn:aws:voiceid:<region>:<account>:domain/<domainId>`. */
    declare readonly arn: pulumi.Output<string>;
    /** ACTIVE, PENDING or SUSPENDED. */
    declare readonly status: pulumi.Output<DomainStatus>;
    /** The domain's name (secret when the input is). */
    declare readonly name: pulumi.Output<string>;
    /** The domain's description (secret when the input is). */
    declare readonly description: pulumi.Output<string | undefined>;
    /** The KMS key that encrypts the domain's data. */
    declare readonly serverSideEncryptionConfiguration: pulumi.Output<{ kmsKeyId: string }>;
    /** Tags (secret when the input is). */
    declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
    /** Id of the domain's default watchlist (it cannot be deleted). */
    declare readonly defaultWatchlistId: pulumi.Output<string>;
    /** ISO 8601 creation time. */
    declare readonly createdAt: pulumi.Output<string | undefined>;
    /** ISO 8601 time of the last update. */
    declare readonly updatedAt: pulumi.Output<string | undefined>;
    /** After a key change: IN_PROGRESS, COMPLETED or FAILED re-encryption of the domain's data. */
    declare readonly serverSideEncryptionUpdateStatus: pulumi.Output<string | undefined>;
    /** Why the last re-encryption failed, when it did. */
    declare readonly serverSideEncryptionUpdateMessage: pulumi.Output<string | undefined>;

    /**
     * Gets an existing domain's state by id. Nothing is created.
     * @param opts `region` / `endpoint` say where to look (else stack config and environment).
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: GetOptions): VoiceIdDomain {
        const get = getArgs<VoiceIdDomainArgs>(id, opts);
        return new VoiceIdDomain(name, get.args, get.opts);
    }

    /** Returns true if `obj` is a VoiceIdDomain (works across package copies). */
    static isInstance(obj: unknown): obj is VoiceIdDomain {
        return hasTypeToken(obj, DOMAIN_TYPE);
    }

    /**
     * @param name Logical name; the default domain name, and part of the create call's
     *   idempotency token.
     * @param args Name, description, key, tags and where the domain lives.
     * @param opts Resource options; `{ import: "<domainId>" }` adopts an existing domain.
     */
    constructor(name: string, args: VoiceIdDomainArgs, opts?: pulumi.CustomResourceOptions) {
        super(provider, "VoiceIdDomain", name, { ...args, name: args.name ?? defaultName(name) }, opts, {
            outputs: OUTPUT_NAMES,
            secretOutputs: SECRET_OUTPUTS,
        });
        // The resource id is the domain id. Unlike outputs, the id stays known in the preview of
        // an update, so watchlists and jobs built on it show no spurious replacement.
        this.domainId = this.id;
    }
}
