/**
 * What the engine sees of a dynamic resource's properties versus what the provider code works
 * with, and the one place that translates between them.
 *
 * The engine's display (`pulumi preview --diff`, the `[diff: ...]` tag, `--json` steps) renders
 * a dynamic resource's change by comparing old and new *inputs* itself: the Node.js dynamic
 * provider host does not forward a provider's `detailedDiff`. Every input therefore shows up in
 * a reviewer's diff unless its key starts with `__`, which the display treats as internal (as
 * it does `__provider`). The bookkeeping our resource classes add (the program scope, an
 * `{ import }` id) travels under such keys; the provider modules keep their plain field names
 * (`scope`, `importId`), and state written by 0.1.0 (plain names) reads the same way.
 *
 * Provider-side only: no `@pulumi/pulumi` import.
 * @module
 */
import { armInDynamicHost } from "./dynamicHost";
import { flushEngineLog } from "./engineLog";
import { withoutPlaceholders } from "./redact";
import { markRead, runDiff } from "./refreshDiff";

/** Provider-side field name → engine-side key of the inputs a resource class adds itself. */
export const INTERNAL_INPUTS: Readonly<Record<string, string>> = Object.freeze({
    scope: "__scope",
    importId: "__importId",
});

/** Engine properties → the provider's view (`__scope` → `scope`, ...). Other keys pass through. */
export function fromEngine<T = Record<string, any>>(props: Record<string, any> | undefined): T {
    if (!props || typeof props !== "object") return props as T;
    const out: Record<string, any> = { ...props };
    for (const [field, key] of Object.entries(INTERNAL_INPUTS)) {
        if (key in out) {
            // Compatibility shim (0.1.0 state), may be removed in 1.0.0: docs/compatibility.md
            // A 0.1.0 state has the plain field; a new one the hidden key. The hidden key wins.
            out[field] = out[key];
            delete out[key];
        }
    }
    return out as T;
}

/** The provider's view → engine properties (`scope` → `__scope`, ...). */
export function toEngine<T extends Record<string, any> | undefined>(props: T): T {
    if (!props || typeof props !== "object") return props;
    const out: Record<string, any> = { ...props };
    for (const [field, key] of Object.entries(INTERNAL_INPUTS)) {
        if (field in out) {
            if (out[field] !== undefined) out[key] = out[field];
            delete out[field];
        }
    }
    return out as T;
}

/** The methods a provider module may export (`pulumi.dynamic.ResourceProvider` signatures). */
export type ProviderModule = Record<string, ((...args: any[]) => Promise<any>) | undefined>;

/**
 * Prepares an error for the host.
 *
 * Partial state (see `partial.ts`): the host records the `properties` of an error thrown by
 * `create` or `update` exactly as they are, while every later operation (`read`, `update`'s
 * olds, `delete`) loads the provider from `__provider` in those recorded outputs. The
 * properties are renamed to engine keys and get back the serialized provider the call was made
 * with (`inputs`), so a FAILED or timed-out job stays usable.
 *
 * Refusals: for `read` and `delete` the host prints a thrown error with its stack trace
 * (`${e}: ${e.stack}` on stderr, shown in the display) and then the engine reports its message.
 * For an expected refusal (`expected: true`, see `partial.ts`) that one stderr line is dropped,
 * so the message is printed once, without a stack trace.
 */
function engineError(err: unknown, inputs?: Record<string, any>): unknown {
    const e = err as { properties?: Record<string, any>; expected?: boolean; stack?: string };
    if (e && typeof e === "object" && e.properties && typeof e.properties === "object") {
        try {
            const props: Record<string, any> = toEngine(e.properties);
            if (inputs?.__provider && !props.__provider) props.__provider = inputs.__provider;
            (e as { properties: unknown }).properties = props;
        } catch {
            // A frozen error keeps its properties as they are.
        }
    }
    if (e && typeof e === "object" && e.expected === true) dropNextStackLine(`${e}: ${e.stack}`);
    return err;
}

/** Swallows the host's one `console.error(line)` of an expected refusal (for two seconds). */
function dropNextStackLine(line: string): void {
    const original = console.error;
    const filter = (...args: any[]) => {
        if (args.length === 1 && args[0] === line) console.error = original;
        else original.apply(console, args);
    };
    console.error = filter;
    setTimeout(() => {
        if (console.error === filter) console.error = original;
    }, 2000).unref();
}

/**
 * Calls `method` of the provider module `modulePath` with engine properties translated to the
 * provider's view, and translates what it returns (outputs, checked inputs) back. Loaded by the
 * serialized provider (`lazyProvider.ts`) at call time.
 */
export async function dispatch(modulePath: string, method: string, args: any[]): Promise<any> {
    // The first call arms the host's engine watch and cancellation (a no-op outside that host).
    armInDynamicHost();
    return dispatchTo(require(modulePath) as ProviderModule, modulePath, method, args);
}

/**
 * {@link dispatch} on a module already loaded: the native plugin (`provider/native/`) imports the
 * provider modules statically, so its bundle holds them, and calls them through this same view.
 */
export async function dispatchTo(mod: ProviderModule, modulePath: string, method: string, args: any[]): Promise<any> {
    const fn = mod[method];
    if (!fn) throw new Error(`${modulePath} has no ${method}`);
    try {
        switch (method) {
            case "check": {
                const r = await fn(fromEngine(args[0]), fromEngine(args[1]));
                // A reason never shows the engine's placeholder for a value unknown at preview.
                const failures = r?.failures?.map((f: { property: string; reason: string }) => ({
                    ...f,
                    reason: withoutPlaceholders(f.reason),
                }));
                return r && { ...r, inputs: toEngine(r.inputs), ...(failures ? { failures } : {}) };
            }
            case "diff":
                return await runDiff(args[0], () => fn(args[0], fromEngine(args[1]), fromEngine(args[2])));
            case "create": {
                const r = await fn(fromEngine(args[0]));
                return r && { ...r, outs: toEngine(r.outs) };
            }
            case "read": {
                const r = await fn(args[0], fromEngine(args[1]));
                markRead(r?.id ?? args[0]);
                if (r?.id && r.id !== args[0]) markRead(args[0]);
                return r && { ...r, props: toEngine(r.props), ...(r.inputs ? { inputs: toEngine(r.inputs) } : {}) };
            }
            case "update": {
                const r = await fn(args[0], fromEngine(args[1]), fromEngine(args[2]));
                return r && { ...r, outs: toEngine(r.outs) };
            }
            case "delete":
                return await fn(args[0], fromEngine(args[1]));
            default:
                return await fn(...args);
        }
    } catch (err) {
        throw engineError(err, method === "create" ? args[0] : method === "update" ? args[2] : undefined);
    } finally {
        // The call's lines reach the engine before its answer does (the host may be stopped after).
        await flushEngineLog();
    }
}
