/**
 * Redaction of sensitive values before anything reaches a log line or an error message.
 *
 * Voice ID marks domain names, descriptions, job names, fraudster ids and tags as sensitive.
 * Fraudster ids have a recognisable shape and are masked wherever they appear; other sensitive
 * values (a job name, a tag) are masked by value, which the caller passes in.
 * @module
 */
import { UNKNOWN } from "./validation";

/** What replaces a sensitive value. */
export const MASK = "[redacted]";

/**
 * What a message says instead of the engine's placeholder for a value not known until apply
 * (`UNKNOWN`: what a dynamic provider receives at preview for another resource's output). The
 * placeholder means nothing to a reader, so it is never shown.
 */
export const UNKNOWN_TEXT = "(known after apply)";

/** `text` with every unknown placeholder written as {@link UNKNOWN_TEXT}. */
export function withoutPlaceholders(text: string): string {
    return text.split(UNKNOWN).join(UNKNOWN_TEXT);
}

/** `id#` + 22 alphanumerics, the shape of Voice ID fraudster (and speaker) ids. */
const FRAUDSTER_ID = /\bid#[a-zA-Z0-9]{22}\b/g;

/**
 * Masks fraudster ids and every value in `secrets` (strings of 3+ characters; shorter ones would
 * mask innocent text) inside `text`.
 */
export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
    let out = withoutPlaceholders(text).replace(FRAUDSTER_ID, MASK);
    const values = [...secrets].filter((s): s is string => typeof s === "string" && s.length >= 3);
    // Longest first so a secret that contains another is masked whole.
    values.sort((a, b) => b.length - a.length);
    for (const s of values) out = out.split(s).join(MASK);
    return out;
}
