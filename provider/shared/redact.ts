/**
 * Redaction of sensitive values before anything reaches a log line or an error message.
 *
 * Voice ID marks domain names, descriptions, job names, fraudster ids and tags as sensitive.
 * Fraudster ids have a recognisable shape and are masked wherever they appear; other sensitive
 * values (a job name, a tag) are masked by value, which the caller passes in.
 * @module
 */

/** What replaces a sensitive value. */
export const MASK = "[redacted]";

/** `id#` + 22 alphanumerics, the shape of Voice ID fraudster (and speaker) ids. */
const FRAUDSTER_ID = /\bid#[a-zA-Z0-9]{22}\b/g;

/**
 * Masks fraudster ids and every value in `secrets` (strings of 3+ characters; shorter ones would
 * mask innocent text) inside `text`.
 */
export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
    let out = text.replace(FRAUDSTER_ID, MASK);
    const values = [...secrets].filter((s): s is string => typeof s === "string" && s.length >= 3);
    // Longest first so a secret that contains another is masked whole.
    values.sort((a, b) => b.length - a.length);
    for (const s of values) out = out.split(s).join(MASK);
    return out;
}
