/**
 * Property values between the engine's wire form and the plain values the provider modules
 * work with. The plugin tells the engine it accepts secrets, so a secret input arrives wrapped
 * (`{ <sig>: <secret sig>, value }`); the modules get the plain value, and the plugin remembers
 * which top-level properties held a secret so it can wrap the same outputs again: secrecy
 * follows the inputs, as the dynamic host and `@pulumi/aws` do. Unknown preview values keep
 * their placeholder string (`shared/validation.ts` knows it).
 *
 * Data-only.
 * @module
 */

/** The key marking a special value, and the signature of a secret. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Plain properties, and which top-level keys held a secret anywhere inside. */
export interface Unwrapped {
    plain: Record<string, any>;
    secretKeys: Set<string>;
}

function isSecret(v: unknown): v is { value: unknown } {
    return !!v && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** `v` without secret wrappers; `found()` is called when one was removed. */
function strip(v: unknown, found: () => void): unknown {
    if (isSecret(v)) {
        found();
        return strip(v.value, found);
    }
    if (Array.isArray(v)) return v.map((x) => strip(x, found));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x, found)]));
    return v;
}

/** Wire properties → plain values and their secret keys. */
export function unwrap(props: Record<string, unknown> | undefined): Unwrapped {
    const plain: Record<string, any> = {};
    const secretKeys = new Set<string>();
    for (const [k, v] of Object.entries(props ?? {})) plain[k] = strip(v, () => secretKeys.add(k));
    return { plain, secretKeys };
}

/** A secret wrapper around `value`. */
export function secret(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/**
 * Plain values → wire properties with `secretKeys` wrapped. `undefined` members are dropped
 * (a protobuf Struct has no such value).
 */
export function wrap(
    plain: Record<string, unknown> | undefined,
    secretKeys: Iterable<string>,
): Record<string, unknown> {
    const keys = new Set(secretKeys);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(defined(plain ?? {}) as Record<string, unknown>))
        out[k] = keys.has(k) ? secret(v) : v;
    return out;
}

function defined(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : defined(x)));
    if (v && typeof v === "object") {
        return Object.fromEntries(
            Object.entries(v)
                .filter(([, x]) => x !== undefined)
                .map(([k, x]) => [k, defined(x)]),
        );
    }
    return v;
}
