/**
 * Small helpers for plain JSON-like data: canonical serialization, deep equality and pruning.
 * @module
 */

/** Removes `undefined` (and, with `dropNull`, `null`) members recursively; keeps array order. */
export function prune<T>(v: T, dropNull = false): T {
    if (Array.isArray(v)) return v.map((x) => prune(x, dropNull)) as unknown as T;
    if (v && typeof v === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
            if (x === undefined || (dropNull && x === null)) continue;
            out[k] = prune(x, dropNull);
        }
        return out as T;
    }
    return v;
}

/** JSON with object keys sorted and undefined members dropped: equal data, equal text. */
export function canonicalJson(v: unknown): string {
    if (v === undefined) return "null";
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
    const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
}

/** Deep equality of JSON-like data, treating absent and undefined members alike. */
export function deepEqual(a: unknown, b: unknown): boolean {
    return canonicalJson(a) === canonicalJson(b);
}

/** A dynamic resource's properties without the serialized provider (`__provider`). */
export function withoutProvider<T>(props: Record<string, unknown>): T {
    const { __provider: _p, ...rest } = props ?? {};
    return rest as T;
}
