/**
 * Identifiers the service hands out (domain, watchlist, job, fraudster, speaker and session ids,
 * in Voice ID's forms) and the request hash that tells an idempotent retry from a conflicting one.
 * @module
 */
import { randomBytes, createHash } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 22 random alphanumerics: the form of domain, watchlist and job ids. */
export function newId(): string {
    // Rejection sampling keeps the distribution uniform over the 62 characters.
    let out = "";
    while (out.length < 22) {
        for (const b of randomBytes(32)) {
            if (b < 248 && out.length < 22) out += ALPHABET[b % 62];
        }
    }
    return out;
}

/** Generated fraudster, speaker and session ids: `id#` + 22 alphanumerics. */
export function newGeneratedId(): string {
    return `id#${newId()}`;
}

/** Stable hash of a JSON value (keys sorted), used to compare idempotent requests. */
export function requestHash(value: unknown): string {
    return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
    if (value && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    return JSON.stringify(value);
}
