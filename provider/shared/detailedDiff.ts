/**
 * Presentation of a diff: which user-facing properties change, and whether each change updates
 * in place or forces a replacement, as the engine's `DetailedDiff` expects it.
 *
 * The comparison itself stays with each resource (`<resource>/diff.ts`): it yields the keys that
 * replace (`replaces`) and those updated in place (`updates`). This module only turns those keys
 * into property paths (`registrationConfig.fraudsterSimilarityThreshold` rather than
 * `registrationConfig`) and kinds. Reasons that are not properties (e.g. a recorded status) and
 * internal inputs never become paths.
 *
 * Note: the Node.js dynamic provider host of @pulumi/pulumi 3.276 forwards only `changes`,
 * `replaces` and `deleteBeforeReplace`; the engine then renders its own comparison of the old
 * and new inputs (which `engineView.ts` keeps free of internal keys). The detailed diff is
 * returned anyway for hosts that forward it, and it is what the preview's consequence lines and
 * the tests read.
 * @module
 */
import { deepEqual, prune } from "./data";
import { INTERNAL_INPUTS } from "./engineView";
import { containsUnknown } from "./validation";

/** The kinds of `pulumirpc.PropertyDiff`, in the dynamic provider's spelling. */
export type PropertyDiffKind = "add" | "addReplace" | "delete" | "deleteReplace" | "update" | "updateReplace";

/** One changed property path. */
export interface PropertyDiff {
    kind: PropertyDiffKind;
    /** True: computed from the inputs (old inputs vs new inputs), as the engine expects here. */
    inputDiff: boolean;
}

/** What a resource's comparison yields. */
export interface DiffKeys {
    changes: boolean;
    /** Top-level keys (or non-property reasons) that force a replacement. */
    replaces: string[];
    /** Top-level keys updated in place. */
    updates?: string[];
    deleteBeforeReplace?: boolean;
}

/** A diff with its presentation. */
export interface PresentedDiff extends DiffKeys {
    /** Top-level keys that changed (the engine's `diffs`). */
    diffs: string[];
    /** Changed paths with their kinds. */
    detailedDiff: Record<string, PropertyDiff>;
}

/** Provider-side names of inputs no user writes: never a path of a detailed diff. */
const INTERNAL = new Set<string>(["__provider", ...Object.keys(INTERNAL_INPUTS), ...Object.values(INTERNAL_INPUTS)]);

/** Empty strings, objects and lists count as absent (as the comparisons treat them). */
function absent(v: unknown): boolean {
    const p = prune(v, true);
    return p === undefined || p === "" || (typeof p === "object" && p !== null && Object.keys(p).length === 0);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return !!v && typeof v === "object" && !Array.isArray(v);
}

/**
 * Leaf paths under `path` where `o` and `n` differ. Objects are walked; lists and scalars are
 * compared whole. A key that differs only by defaulting (both sides absent) yields nothing; a
 * top-level key the comparison reported but whose values look equal yields itself.
 */
export function changedPaths(o: unknown, n: unknown, path: string): string[] {
    if (containsUnknown(n)) return [path];
    if (isPlainObject(o) && isPlainObject(n)) {
        const out: string[] = [];
        for (const k of [...new Set([...Object.keys(o), ...Object.keys(n)])].sort()) {
            if (absent(o[k]) && absent(n[k])) continue;
            out.push(...changedPaths(o[k], n[k], `${path}.${k}`));
        }
        return out;
    }
    if (absent(o) && absent(n)) return [];
    return deepEqual(prune(o, true), prune(n, true)) ? [] : [path];
}

function kindOf(o: unknown, n: unknown, replace: boolean): PropertyDiffKind {
    const base = absent(o) && !absent(n) ? "add" : !absent(o) && absent(n) ? "delete" : "update";
    return replace ? (`${base}Replace` as PropertyDiffKind) : base;
}

/** Value at a dotted path (`a.b.c`). */
function at(v: unknown, path: string): unknown {
    let cur = v;
    for (const part of path.split(".")) cur = isPlainObject(cur) ? cur[part] : undefined;
    return cur;
}

/**
 * Adds `diffs` and `detailedDiff` to a resource's comparison result. `olds` are the recorded
 * outputs (which hold the inputs they were made from), `news` the new inputs, both in the
 * provider's view. Keys of `replaces` that are not inputs (`inputKeys` when given, else keys of
 * either side; e.g. a recorded status) are kept as reasons but get no path.
 */
export function presentDiff(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    keys: DiffKeys,
    inputKeys?: readonly string[],
): PresentedDiff {
    const detailedDiff: Record<string, PropertyDiff> = {};
    const diffs: string[] = [];
    const isInput = (key: string) =>
        ["region", "endpoint"].includes(key) || (inputKeys ? inputKeys.includes(key) : key in news || key in olds);
    const add = (key: string, replace: boolean) => {
        if (INTERNAL.has(key) || !isInput(key)) return;
        const paths = changedPaths(olds[key], news[key], key);
        // Region/endpoint may change through stack config only: the key itself is the reason.
        const shown = paths.length ? paths : [key];
        for (const p of shown) detailedDiff[p] = { kind: kindOf(at(olds, p), at(news, p), replace), inputDiff: true };
        if (!diffs.includes(key)) diffs.push(key);
    };
    for (const key of keys.replaces) add(key, true);
    for (const key of keys.updates ?? []) if (!keys.replaces.includes(key)) add(key, false);
    return { ...keys, diffs, detailedDiff };
}

/** The paths of a presented diff that force the replacement (the reasons to print). */
export function replacementReasons(diff: PresentedDiff): string[] {
    const paths = Object.entries(diff.detailedDiff)
        .filter(([, d]) => d.kind.endsWith("Replace"))
        .map(([p]) => p);
    const nonProperty = diff.replaces.filter((k) => !diff.diffs.includes(k) && !INTERNAL.has(k));
    return [...paths, ...nonProperty];
}
