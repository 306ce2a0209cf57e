/**
 * Old => new values of the inputs a preview step changes, as a reviewer reads them. The values
 * come from the step's old and new inputs in `pulumi preview --json`, where the engine has
 * already replaced every secret by the string `[secret]` (unless the preview ran with
 * `--show-secrets`, which a CI preview must not): secrets stay `[secret]` here too, plain values
 * show in clear, shortened. Internal inputs (`__`-prefixed bookkeeping) never show.
 * @module
 */
import { deepEqual, prune } from "../../provider/shared/data";
import { UNKNOWN } from "../../provider/shared/validation";

/** How the engine writes a secret value in preview JSON. */
export const SECRET = "[secret]";

/** Longest value shown in full; longer ones are cut (a reviewer needs the gist, the comment has a size limit). */
export const MAX_VALUE_CHARS = 80;

/** One changed input: its path and both values as display text (`undefined`: not set on that side). */
export interface InputChange {
    path: string;
    old?: string;
    new?: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return !!v && typeof v === "object" && !Array.isArray(v);
}

/** Empty strings, lists and objects count as not set, as the providers' comparisons treat them. */
function absent(v: unknown): boolean {
    const p = prune(v, true);
    return p === undefined || p === "" || (typeof p === "object" && p !== null && Object.keys(p).length === 0);
}

/** A value as display text: JSON, cut to {@link MAX_VALUE_CHARS}; secrets and unknowns by name. */
export function displayValue(v: unknown): string | undefined {
    if (absent(v)) return undefined;
    if (v === SECRET) return SECRET;
    if (v === UNKNOWN) return "(known after apply)";
    const text = JSON.stringify(prune(v, true));
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** A path segment: `tags.team`, or `tags["cost.center"]` when the key itself has a dot or spaces. */
function join(path: string, key: string): string {
    const seg = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
    if (!path) return seg;
    return seg.startsWith('"') ? `${path}[${seg}]` : `${path}.${seg}`;
}

/**
 * The leaf changes between two values: objects are walked key by key, lists and scalars compared
 * whole, a secret on either side is one leaf (its contents are not known).
 */
function walk(o: unknown, n: unknown, path: string, out: InputChange[]): void {
    if (isPlainObject(o) && isPlainObject(n)) {
        for (const k of [...new Set([...Object.keys(o), ...Object.keys(n)])].sort()) {
            if (!path && k.startsWith("__")) continue;
            walk(o[k], n[k], join(path, k), out);
        }
        return;
    }
    if (absent(o) && absent(n)) return;
    // Both secret: the preview cannot tell whether it changed, and neither can we.
    if (o === SECRET && n === SECRET) return;
    if (deepEqual(prune(o, true), prune(n, true))) return;
    out.push({ path, old: displayValue(o), new: displayValue(n) });
}

/** Every changed user-facing input between a step's old and new inputs, sorted by path. */
export function inputChanges(
    oldInputs: Record<string, unknown> | undefined,
    newInputs: Record<string, unknown> | undefined,
): InputChange[] {
    const out: InputChange[] = [];
    walk(oldInputs ?? {}, newInputs ?? {}, "", out);
    return out;
}

/** Top-level user inputs that are secret on both sides (whether they changed is hidden). */
export function secretInputs(
    oldInputs: Record<string, unknown> | undefined,
    newInputs: Record<string, unknown> | undefined,
): string[] {
    const o = oldInputs ?? {};
    const n = newInputs ?? {};
    return Object.keys(n)
        .filter((k) => !k.startsWith("__") && o[k] === SECRET && n[k] === SECRET)
        .sort();
}
