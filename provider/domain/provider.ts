/**
 * The implementation of the VoiceIdDomain dynamic provider: `check`, `diff`, `create`, `read`,
 * `update`, `delete`.
 *
 * This module is never serialized: the provider object in state only holds
 * `require("pulumi-voiceid/provider/domain/provider")` calls (see `shared/lazyProvider.ts`).
 * @module
 */
import { withEffectiveRegion } from "../shared/clients";
import { prune, withoutProvider } from "../shared/data";
import { classifyError, errorSummary, isNotFound } from "../shared/errors";
import { validInputs } from "../shared/validation";
import { previewCalls } from "../plan/previewCalls";
import { CallContext as SharedCallContext, withKnobs } from "../shared/callContext";
import { MAX_TOKEN_GENERATIONS, createdEarlier, resourceToken, walkTokenGenerations } from "../shared/idempotency";
import { ImportMismatch, importMismatchError } from "../shared/importing";
import { DomainInputs, DomainOutputs } from "./args";
import { DomainApi, DomainView, domainIsGone, tagChanges } from "../shared/domainCalls";

export { domainIsGone };
import { diffDomain } from "./diff";
import { validateDomainInputs } from "./validate";

/** Resource type name used in messages. */
const TYPE = "VoiceIdDomain";

/** Process-wide knobs (see `shared/callContext.ts`) with the domain's own. */
export const runtime = withKnobs({
    /** Longest wait for a new domain to leave PENDING. */
    activeWaitMs: 600_000,
    /** Poll interval while waiting for ACTIVE. */
    activePollMs: 2_000,
});

/** A domain operation's context (see `shared/callContext.ts`), with the domain calls. */
class CallContext extends SharedCallContext {
    readonly api = this.calls((settings, retry) => new DomainApi(settings, retry));
    constructor(inputs: Partial<DomainInputs>) {
        // Name, description, tag keys and values: masked in every line and message.
        super(inputs, () => [
            inputs.name,
            inputs.description,
            ...Object.keys(inputs.tags ?? {}),
            ...Object.values(inputs.tags ?? {}),
        ]);
    }
}

/** Outputs for a domain: the service's values over the inputs (absent values dropped). */
export function outputsOf(
    inputs: Partial<DomainInputs>,
    d: DomainView,
    tags: Record<string, string> | undefined,
): DomainOutputs {
    return prune({
        ...inputs,
        name: d.name,
        description: d.description,
        serverSideEncryptionConfiguration:
            d.kmsKeyId !== undefined ? { kmsKeyId: d.kmsKeyId } : inputs.serverSideEncryptionConfiguration,
        tags: tags && Object.keys(tags).length ? tags : undefined,
        domainId: d.domainId,
        arn: d.arn,
        status: d.status,
        defaultWatchlistId: d.defaultWatchlistId,
        createdAt: d.createdAt?.toISOString(),
        updatedAt: d.updatedAt?.toISOString(),
        serverSideEncryptionUpdateStatus: d.sseUpdateStatus,
        serverSideEncryptionUpdateMessage: d.sseUpdateMessage,
    }) as DomainOutputs;
}

/** The default CreateDomain ClientToken for `generation`. */
export function domainClientToken(inputs: DomainInputs, generation: number): string {
    const request = prune({
        name: inputs.name,
        description: inputs.description,
        kmsKeyId: inputs.serverSideEncryptionConfiguration?.kmsKeyId,
        tags: inputs.tags,
    });
    return resourceToken("pvidd", "pulumi-voiceid/VoiceIdDomain/v1", inputs, request, generation);
}

// ---------------------------------------------------------------- check / diff

/**
 * `check` validates every constraint before any API call (unknown preview values pass); `diff`
 * (see `diff.ts`) comes with its presentation and a plan line for a replacement.
 */
export const { check, diff } = previewCalls(TYPE, validateDomainInputs, diffDomain);

// ---------------------------------------------------------------- create

/**
 * CreateDomain under a derived ClientToken, so a run killed after the call adopts the domain.
 * A token that answers with a deleted domain (destroyed earlier with identical inputs) is spent:
 * the next generation is tried.
 */
export async function create(props: Record<string, unknown>) {
    const inputs = validInputs<DomainInputs>(TYPE, props, validateDomainInputs);
    const ctx = new CallContext(inputs);
    if (inputs.importId) return adopt(ctx, inputs, inputs.importId);
    const req = {
        name: inputs.name,
        description: inputs.description,
        kmsKeyId: inputs.serverSideEncryptionConfiguration.kmsKeyId,
        tags: inputs.tags,
    };
    const created = await walkTokenGenerations<DomainView>(
        async (generation) => {
            let d: DomainView;
            try {
                d = await ctx.api.create(req, domainClientToken(inputs, generation));
            } catch (err) {
                // The token is bound to another request (or object): spent, try the next one.
                if (classifyError(err) === "conflict")
                    return { spent: `ClientToken generation ${generation} is taken (${errorSummary(err)})` };
                if (classifyError(err) === "quota") {
                    throw ctx.error(`${TYPE}: the account has reached its Voice ID domain quota: ${errorSummary(err)}`);
                }
                throw ctx.error(`${TYPE}: cannot create the domain: ${errorSummary(err)}`);
            }
            if (d.status === "SUSPENDED")
                return { spent: `ClientToken generation ${generation} belongs to domain ${d.domainId}, deleted since` };
            return { use: d };
        },
        ctx.log,
        () =>
            ctx.error(
                `${TYPE}: ${MAX_TOKEN_GENERATIONS} ClientTokens for these inputs are all spent; change the resource's name or inputs`,
            ),
    );
    ctx.log.info(
        createdEarlier(created.createdAt)
            ? `adopting domain ${created.domainId}, created earlier with the same inputs`
            : `created domain ${created.domainId}`,
    );
    const d = await waitUntilActive(ctx, created);
    return { id: d.domainId, outs: await withEffectiveRegion(outputsOf(inputs, d, inputs.tags), inputs) };
}

/**
 * `{ import: "<domainId>" }` (see `shared/importing.ts`): records an existing domain instead of
 * creating one, when the program declares what it holds.
 */
async function adopt(ctx: CallContext, inputs: DomainInputs, domainId: string) {
    let state: { gone: boolean; domain?: DomainView };
    try {
        state = await domainIsGone(ctx.api, domainId);
    } catch (err) {
        throw ctx.error(`${TYPE}: cannot read domain ${domainId} to import it: ${errorSummary(err)}`);
    }
    if (state.gone || !state.domain)
        throw new Error(`${TYPE}: cannot import ${domainId}: the domain does not exist (or was deleted)`);
    const d = state.domain;
    const tags = await ctx.api.tags(d.arn);
    const mismatches: ImportMismatch[] = [];
    if (d.name !== inputs.name) mismatches.push({ property: "name" });
    if ((d.description ?? undefined) !== (inputs.description ?? undefined))
        mismatches.push({ property: "description" });
    if (d.kmsKeyId !== inputs.serverSideEncryptionConfiguration.kmsKeyId)
        mismatches.push({ property: "serverSideEncryptionConfiguration.kmsKeyId" });
    const { set, remove } = tagChanges(tags, inputs.tags);
    if (Object.keys(set).length || remove.length) mismatches.push({ property: "tags" });
    if (mismatches.length) throw importMismatchError(TYPE, domainId, mismatches);
    ctx.log.info(`imported domain ${domainId}`);
    return { id: domainId, outs: await withEffectiveRegion(outputsOf(inputs, d, tags), inputs) };
}

/** Watchlists and jobs need an ACTIVE domain: wait out PENDING. */
async function waitUntilActive(ctx: CallContext, d: DomainView): Promise<DomainView> {
    const deadline = ctx.clock.now() + runtime.activeWaitMs;
    while (d.status === "PENDING") {
        if (ctx.clock.now() >= deadline || ctx.signal.aborted) {
            ctx.log.warn(`domain ${d.domainId} is still PENDING; resources that need it ACTIVE may fail until it is`);
            return d;
        }
        // A stopped wait goes round once more to the warning: the domain exists and is recorded.
        await ctx.clock.sleep(runtime.activePollMs, ctx.signal);
        if (!ctx.signal.aborted) d = await ctx.api.describe(d.domainId);
    }
    return d;
}

// ---------------------------------------------------------------- read

/**
 * Refresh, `import` and `.get()`. A domain that no longer exists (or was deleted) leaves the
 * stack. Name, description, key and tags come from the service, so drift shows in the next
 * preview and an import is compared against the program's declaration.
 */
export async function read(id: string, props: Record<string, unknown>) {
    const prev = withoutProvider<Partial<DomainOutputs>>(props);
    const ctx = new CallContext(prev);
    if (!/^[a-zA-Z0-9]{22}$/.test(id ?? "")) {
        throw new Error(`${TYPE}: id must be a domain id (22 letters or digits), got ${JSON.stringify(id)}`);
    }
    let state: { gone: boolean; domain?: DomainView };
    try {
        state = await domainIsGone(ctx.api, id);
    } catch (err) {
        throw ctx.error(`${TYPE}: cannot read domain ${id}: ${errorSummary(err)}`);
    }
    if (state.gone || !state.domain) {
        ctx.log.info(`domain ${id} no longer exists; removing it from the stack`);
        return {};
    }
    const tags = await ctx.api.tags(state.domain.arn);
    return { id, props: await withEffectiveRegion(outputsOf(prev, state.domain, tags), prev) };
}

// ---------------------------------------------------------------- update

/** UpdateDomain for name / description / key, TagResource / UntagResource for tags. */
export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const prev = withoutProvider<DomainOutputs>(olds);
    const inputs = validInputs<DomainInputs>(TYPE, news, validateDomainInputs);
    const ctx = new CallContext(inputs);
    const domainId = prev.domainId ?? id;
    let d: DomainView;
    try {
        d = await ctx.api.describe(domainId);
        const wantKey = inputs.serverSideEncryptionConfiguration.kmsKeyId;
        if (
            d.name !== inputs.name ||
            (d.description ?? undefined) !== (inputs.description ?? undefined) ||
            d.kmsKeyId !== wantKey
        ) {
            d = await ctx.api.update(domainId, {
                name: inputs.name,
                description: inputs.description,
                kmsKeyId: wantKey,
            });
            ctx.log.info(
                `updated domain ${domainId}${d.sseUpdateStatus === "IN_PROGRESS" ? " (re-encrypting its data with the new key)" : ""}`,
            );
        }
        const current = await ctx.api.tags(d.arn);
        const { set, remove } = tagChanges(current, inputs.tags);
        if (Object.keys(set).length) await ctx.api.tag(d.arn, set);
        if (remove.length) await ctx.api.untag(d.arn, remove);
        if (Object.keys(set).length || remove.length)
            ctx.log.info(`domain ${domainId}: ${Object.keys(set).length} tag(s) set, ${remove.length} removed`);
    } catch (err) {
        throw ctx.error(`${TYPE}: cannot update domain ${domainId}: ${errorSummary(err)}`);
    }
    return { outs: await withEffectiveRegion(outputsOf(inputs, d, inputs.tags), inputs) };
}

// ---------------------------------------------------------------- delete

/**
 * DeleteDomain. Voice ID deletes softly: the domain stops being listed and usable at once and is
 * purged later. Already gone counts as deleted.
 */
async function deleteDomain(id: string, props: Record<string, unknown>): Promise<void> {
    const prev = withoutProvider<Partial<DomainOutputs>>(props);
    const ctx = new CallContext(prev);
    const domainId = prev.domainId ?? id;
    try {
        await ctx.api.delete(domainId);
    } catch (err) {
        if (isNotFound(err)) {
            ctx.log.info(`domain ${domainId} was already deleted`);
            return;
        }
        throw ctx.error(`${TYPE}: cannot delete domain ${domainId}: ${errorSummary(err)}`);
    }
    ctx.log.info(`deleted domain ${domainId} (a soft delete: the service purges its data later)`);
}

export { deleteDomain as delete };
