/**
 * The implementation of the VoiceIdWatchlist dynamic provider: `check`, `diff`, `create`, `read`,
 * `update`, `delete`. Its type name in state and plan lines stays `Watchlist` (the class's former
 * name; a state-bound name).
 *
 * This module is never serialized: the provider object in state only holds
 * `require("pulumi-voiceid/provider/watchlist/provider")` calls (see `shared/lazyProvider.ts`).
 * @module
 */
import { withEffectiveRegion } from "../shared/clients";
import { prune, withoutProvider } from "../shared/data";
import { classifyError, errorSummary, isNotFound } from "../shared/errors";
import { Refusal } from "../shared/partial";
import { validInputs } from "../shared/validation";
import { previewCalls } from "../plan/previewCalls";
import { CallContext as SharedCallContext, runtime } from "../shared/callContext";
import { MAX_TOKEN_GENERATIONS, createdEarlier, resourceToken, walkTokenGenerations } from "../shared/idempotency";
import { ImportMismatch, importMismatchError } from "../shared/importing";
import { DomainApi, domainIsGone } from "../shared/domainCalls";
import { WatchlistInputs, WatchlistOutputs } from "./args";
import { WatchlistApi, WatchlistView } from "./api";
import { diffWatchlist } from "./diff";
import { validateWatchlistInputs } from "./validate";

/** Resource type name used in messages. */
const TYPE = "Watchlist";

export { runtime };

/** `<domainId>/<watchlistId>` */
export function resourceId(domainId: string, watchlistId: string): string {
    return `${domainId}/${watchlistId}`;
}

/** Splits a resource id; throws a clear error for anything else (e.g. a bad `import` id). */
export function parseResourceId(id: string): { domainId: string; watchlistId: string } {
    const m = /^([a-zA-Z0-9]{22})\/([a-zA-Z0-9]{22})$/.exec(id ?? "");
    if (!m)
        throw new Error(
            `${TYPE}: id must be "<domainId>/<watchlistId>" (two ids of 22 letters or digits), got ${JSON.stringify(id)}`,
        );
    return { domainId: m[1], watchlistId: m[2] };
}

/** A watchlist operation's context (see `shared/callContext.ts`), with the watchlist calls. */
class CallContext extends SharedCallContext {
    readonly api = this.calls((settings, retry) => new WatchlistApi(settings, retry));
    constructor(inputs: Partial<WatchlistInputs>) {
        super(inputs, () => [inputs.name, inputs.description]);
    }

    /** The domain calls (to tell a deleted domain from a deleted watchlist). */
    domains(): DomainApi {
        return this.calls((settings, retry) => new DomainApi(settings, retry));
    }
}

/** `ConflictType` of a ConflictException, if any. */
function conflictType(err: unknown): string | undefined {
    return (err as { ConflictType?: string })?.ConflictType;
}

/** Outputs for a watchlist: the service's values over the inputs. */
export function outputsOf(inputs: Partial<WatchlistInputs>, w: WatchlistView): WatchlistOutputs {
    return prune({
        ...inputs,
        domainId: w.domainId ?? inputs.domainId,
        name: w.name,
        description: w.description,
        watchlistId: w.watchlistId,
        defaultWatchlist: w.defaultWatchlist,
        createdAt: w.createdAt?.toISOString(),
        updatedAt: w.updatedAt?.toISOString(),
    }) as WatchlistOutputs;
}

/** The default CreateWatchlist ClientToken for `generation`. */
export function watchlistClientToken(inputs: WatchlistInputs, generation: number): string {
    const request = prune({ domainId: inputs.domainId, name: inputs.name, description: inputs.description });
    return resourceToken("pvidw", "pulumi-voiceid/Watchlist/v1", inputs, request, generation);
}

// ---------------------------------------------------------------- check / diff

/**
 * `check` validates every constraint before any API call (unknown preview values pass); `diff`
 * (see `diff.ts`) comes with its presentation and a plan line for a replacement.
 */
export const { check, diff } = previewCalls(TYPE, validateWatchlistInputs, diffWatchlist);

// ---------------------------------------------------------------- create

/**
 * CreateWatchlist under a derived ClientToken (a killed run adopts the watchlist it created).
 * A token whose watchlist was deleted since is spent: the next generation is tried.
 */
export async function create(props: Record<string, unknown>) {
    const inputs = validInputs<WatchlistInputs>(TYPE, props, validateWatchlistInputs);
    const ctx = new CallContext(inputs);
    if (inputs.importId) return adopt(ctx, inputs, inputs.importId);
    const w = await walkTokenGenerations<WatchlistView>(
        async (generation) => {
            try {
                return {
                    use: await ctx.api.create(
                        inputs.domainId,
                        inputs.name,
                        inputs.description,
                        watchlistClientToken(inputs, generation),
                    ),
                };
            } catch (err) {
                const kind = classifyError(err);
                if (isNotFound(err, "WATCHLIST") && !isNotFound(err, "DOMAIN")) {
                    return { spent: `ClientToken generation ${generation} belongs to a watchlist deleted since` };
                }
                if (kind === "conflict" && conflictType(err) !== "DOMAIN_NOT_ACTIVE") {
                    return { spent: `ClientToken generation ${generation} is taken (${errorSummary(err)})` };
                }
                if (kind === "quota") {
                    throw ctx.error(
                        `${TYPE}: domain ${inputs.domainId} already has as many watchlists as Voice ID allows: ${errorSummary(err)}`,
                    );
                }
                if (kind === "conflict")
                    throw ctx.error(`${TYPE}: domain ${inputs.domainId} is not ACTIVE: ${errorSummary(err)}`);
                throw ctx.error(
                    `${TYPE}: cannot create the watchlist in domain ${inputs.domainId}: ${errorSummary(err)}`,
                );
            }
        },
        ctx.log,
        () =>
            ctx.error(
                `${TYPE}: ${MAX_TOKEN_GENERATIONS} ClientTokens for these inputs are all spent; change the resource's name or inputs`,
            ),
    );
    ctx.log.info(
        createdEarlier(w.createdAt)
            ? `adopting watchlist ${w.watchlistId} in domain ${inputs.domainId}, created earlier with the same inputs`
            : `created watchlist ${w.watchlistId} in domain ${inputs.domainId}`,
    );
    return {
        id: resourceId(inputs.domainId, w.watchlistId),
        outs: await withEffectiveRegion(outputsOf(inputs, w), inputs),
    };
}

/**
 * `{ import: "<domainId>/<watchlistId>" }` (see `shared/importing.ts`): records an existing
 * watchlist instead of creating one, when the program declares what it holds.
 */
async function adopt(ctx: CallContext, inputs: WatchlistInputs, importId: string) {
    const { domainId, watchlistId } = parseResourceId(importId);
    let w: WatchlistView;
    try {
        w = await ctx.api.describe(domainId, watchlistId);
    } catch (err) {
        if (isNotFound(err)) throw new Error(`${TYPE}: cannot import ${importId}: the watchlist does not exist`);
        throw ctx.error(`${TYPE}: cannot read watchlist ${importId} to import it: ${errorSummary(err)}`);
    }
    const mismatches: ImportMismatch[] = [];
    if (inputs.domainId !== domainId) mismatches.push({ property: "domainId" });
    if (w.name !== inputs.name) mismatches.push({ property: "name" });
    if (inputs.description !== undefined && w.description !== inputs.description)
        mismatches.push({ property: "description" });
    if (mismatches.length) throw importMismatchError(TYPE, importId, mismatches);
    ctx.log.info(`imported ${w.defaultWatchlist ? "default " : ""}watchlist ${watchlistId} of domain ${domainId}`);
    return { id: importId, outs: await withEffectiveRegion(outputsOf(inputs, w), inputs) };
}

// ---------------------------------------------------------------- read

/**
 * Refresh, `import` and `.get()`. A watchlist that no longer exists (or whose domain was
 * deleted) leaves the stack.
 */
export async function read(id: string, props: Record<string, unknown>) {
    const prev = withoutProvider<Partial<WatchlistOutputs>>(props);
    const { domainId, watchlistId } = parseResourceId(id);
    const ctx = new CallContext(prev);
    let w: WatchlistView;
    try {
        w = await ctx.api.describe(domainId, watchlistId);
        if ((await domainIsGone(ctx.domains(), domainId)).gone) {
            ctx.log.info(`domain ${domainId} was deleted; removing watchlist ${watchlistId} from the stack`);
            return {};
        }
    } catch (err) {
        if (isNotFound(err)) {
            ctx.log.info(`watchlist ${watchlistId} no longer exists in domain ${domainId}; removing it from the stack`);
            return {};
        }
        throw ctx.error(`${TYPE}: cannot read watchlist ${watchlistId}: ${errorSummary(err)}`);
    }
    // An unmanaged (unset) description is recorded as the service has it; diff ignores it.
    return {
        id: resourceId(domainId, watchlistId),
        props: await withEffectiveRegion(outputsOf({ ...prev, domainId }, w), prev),
    };
}

// ---------------------------------------------------------------- update

/** UpdateWatchlist with the new name and (when set) description. */
export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const prev = withoutProvider<WatchlistOutputs>(olds);
    const inputs = validInputs<WatchlistInputs>(TYPE, news, validateWatchlistInputs);
    const ctx = new CallContext(inputs);
    const { domainId, watchlistId } = prev.watchlistId
        ? { domainId: prev.domainId, watchlistId: prev.watchlistId }
        : parseResourceId(id);
    let w: WatchlistView;
    try {
        w = await ctx.api.update(domainId, watchlistId, inputs.name, inputs.description);
    } catch (err) {
        throw ctx.error(`${TYPE}: cannot update watchlist ${watchlistId}: ${errorSummary(err)}`);
    }
    ctx.log.info(`updated watchlist ${watchlistId}`);
    return { outs: await withEffectiveRegion(outputsOf(inputs, w), inputs) };
}

// ---------------------------------------------------------------- delete

/** The error for an attempt to delete a domain's default watchlist. */
export function defaultWatchlistError(domainId: string, watchlistId: string): Error {
    return new Refusal(
        `${TYPE}: watchlist ${watchlistId} is the default watchlist of domain ${domainId}, which Voice ID cannot delete. ` +
            `To stop managing it without deleting it, set the resource option \`retainOnDelete: true\` (then run the update again), ` +
            `or run \`pulumi state delete <urn>\`. It goes away with its domain.`,
    );
}

/**
 * DeleteWatchlist. Refuses the default watchlist with a clear error; explains what to do when
 * the watchlist still holds fraudsters; a watchlist already gone (or whose domain was deleted)
 * counts as deleted.
 */
async function deleteWatchlist(id: string, props: Record<string, unknown>): Promise<void> {
    const prev = withoutProvider<Partial<WatchlistOutputs>>(props);
    const ctx = new CallContext(prev);
    const { domainId, watchlistId } =
        prev.watchlistId && prev.domainId
            ? { domainId: prev.domainId, watchlistId: prev.watchlistId }
            : parseResourceId(id);
    let w: WatchlistView;
    try {
        w = await ctx.api.describe(domainId, watchlistId);
    } catch (err) {
        if (isNotFound(err)) {
            ctx.log.info(`watchlist ${watchlistId} was already deleted`);
            return;
        }
        throw ctx.error(`${TYPE}: cannot read watchlist ${watchlistId} before deleting it: ${errorSummary(err)}`);
    }
    if (w.defaultWatchlist) throw defaultWatchlistError(domainId, watchlistId);
    try {
        await ctx.api.delete(domainId, watchlistId);
    } catch (err) {
        if (isNotFound(err)) return;
        const type = conflictType(err);
        if (type === "DOMAIN_NOT_ACTIVE" && (await domainIsGone(ctx.domains(), domainId)).gone) {
            ctx.log.info(`domain ${domainId} was deleted; watchlist ${watchlistId} went with it`);
            return;
        }
        if (type === "CANNOT_DELETE_NON_EMPTY_WATCHLIST" || /fraudster/i.test(String((err as Error)?.message))) {
            const count = await ctx.api.fraudsterCount(domainId, watchlistId).catch(() => undefined);
            throw ctx.refusal(
                `${TYPE}: watchlist ${watchlistId} holds ${count === undefined ? "fraudsters" : `${count} fraudster${count === 1 ? "" : "s"}`} that this stack did not delete, and Voice ID deletes only empty watchlists. ` +
                    `List them: \`aws voice-id list-fraudsters --domain-id ${domainId} --watchlist-id ${watchlistId}\`. Then either delete them ` +
                    `(a FraudsterRegistrationJob with \`deleteFraudstersOnDestroy: true\` deletes the ones it registered when it is destroyed, before the watchlist it depends on; ` +
                    `others with \`aws voice-id delete-fraudster\`), move them to another watchlist (\`aws voice-id disassociate-fraudster\`), ` +
                    `or keep the watchlist and only remove it from the stack: set \`retainOnDelete: true\` and run \`pulumi up\` first (or \`pulumi state delete\`).`,
            );
        }
        throw ctx.error(`${TYPE}: cannot delete watchlist ${watchlistId}: ${errorSummary(err)}`);
    }
    ctx.log.info(`deleted watchlist ${watchlistId} from domain ${domainId}`);
}

export { deleteWatchlist as delete };
