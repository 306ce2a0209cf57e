/**
 * The `VoiceIdWatchlist` resource class users instantiate, and its deprecated name `Watchlist`.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { defaultName } from "../shared/names";
import { lazyProvider } from "../shared/lazyProvider";
import { GetOptions, VoiceIdResource, getArgs, hasTypeToken } from "../shared/resourceInputs";
import { voiceIdTypeToken } from "../shared/typeTokens";
import { VoiceIdWatchlistArgs } from "./args";

/**
 * Package specifier of the implementation. Resolved by the dynamic provider host from the
 * program's directory at call time, so it must be a package name, never a path.
 */
// Compatibility: state-bound module path, never changes: docs/compatibility.md
export const WATCHLIST_PROVIDER_MODULE = "pulumi-voiceid/provider/watchlist/provider";

/**
 * Type token of the resource, recorded in every stack's state. It stays `voiceid:Watchlist`
 * although the class is now `VoiceIdWatchlist`: a different token would replace every existing
 * watchlist. The constructor passes module and type explicitly, so the class name never counts.
 */
// Compatibility: state-bound type token, never changes: docs/compatibility.md
export const WATCHLIST_TYPE = voiceIdTypeToken("Watchlist");

const provider = lazyProvider(WATCHLIST_PROVIDER_MODULE);

/**
 * No output is secret by itself: name and description are secret exactly when the program
 * makes the input secret (`pulumi.secret(...)`), as in `@pulumi/aws`.
 */
const SECRET_OUTPUTS: string[] = [];

const OUTPUT_NAMES = ["name", "description", "defaultWatchlist", "createdAt", "updatedAt", "effectiveRegion"] as const;

/**
 * A Voice ID fraudster watchlist: a named group of fraudsters within a domain, the target of
 * a `FraudsterRegistrationJob` (`registrationConfig.watchlistIds`).
 *
 * Name and description update in place; a different domain creates a new watchlist. The
 * resource id is `<domainId>/<watchlistId>`, so `{ import: "<domainId>/<watchlistId>" }` adopts
 * an existing one. Every domain has a default watchlist that Voice ID cannot delete: it can be
 * imported and renamed, but destroying it fails with an explanation (use `retainOnDelete`).
 * Voice ID deletes only empty watchlists.
 *
 * @example
 * ```ts
 * const watchlist = new VoiceIdWatchlist("known-fraudsters", {
 *     domainId: domain.domainId,
 *     description: "Confirmed fraudsters from chargeback investigations",
 * });
 * // registrationConfig: { watchlistIds: [watchlist.watchlistId] }
 * ```
 */
export class VoiceIdWatchlist extends VoiceIdResource {
    /** The watchlist's id (22 alphanumerics); from the resource id, so known in previews of updates. */
    readonly watchlistId: pulumi.Output<string>;
    /** The domain it belongs to; from the resource id. */
    readonly domainId: pulumi.Output<string>;
    /** Its name (secret when the input is). */
    declare readonly name: pulumi.Output<string>;
    /** Its description (secret when the input is). */
    declare readonly description: pulumi.Output<string | undefined>;
    /** True for the domain's default watchlist. */
    declare readonly defaultWatchlist: pulumi.Output<boolean>;
    /** ISO 8601 creation time. */
    declare readonly createdAt: pulumi.Output<string | undefined>;
    /** ISO 8601 time of the last update. */
    declare readonly updatedAt: pulumi.Output<string | undefined>;

    /**
     * Gets an existing watchlist's state by id (`<domainId>/<watchlistId>`). Nothing is created.
     * @param opts `region` / `endpoint` say where to look (else stack config and environment).
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: GetOptions): VoiceIdWatchlist {
        const get = getArgs<VoiceIdWatchlistArgs>(id, opts);
        return new VoiceIdWatchlist(name, get.args, get.opts);
    }

    /** Returns true if `obj` is a watchlist of this package (works across package copies and both names). */
    static isInstance(obj: unknown): obj is VoiceIdWatchlist {
        return hasTypeToken(obj, WATCHLIST_TYPE);
    }

    /**
     * @param name Logical name; the default watchlist name, and part of the create call's
     *   idempotency token.
     * @param args Domain, name and description.
     * @param opts Resource options; `{ import: "<domainId>/<watchlistId>" }` adopts an existing watchlist.
     */
    constructor(name: string, args: VoiceIdWatchlistArgs, opts?: pulumi.CustomResourceOptions) {
        // The type of WATCHLIST_TYPE: never the class name (see there).
        super(provider, "Watchlist", name, { ...args, name: args.name ?? defaultName(name) }, opts, {
            outputs: OUTPUT_NAMES,
            secretOutputs: SECRET_OUTPUTS,
        });
        // Outputs of a resource being updated are unknown in preview, its id is not: deriving
        // the ids from it keeps jobs that target this watchlist from showing a replacement.
        this.domainId = this.id.apply((id) => id.split("/")[0]);
        this.watchlistId = this.id.apply((id) => id.split("/")[1]);
    }
}

/**
 * The former name of {@link VoiceIdWatchlist}, the same class: existing programs keep working
 * and their stacks see no change (the type token is the same).
 * @deprecated Use {@link VoiceIdWatchlist}.
 */
// Compatibility shim, may be removed in 1.0.0: docs/compatibility.md
export const Watchlist = VoiceIdWatchlist;
/** @deprecated Use {@link VoiceIdWatchlist}. */
export type Watchlist = VoiceIdWatchlist;
