/**
 * Bounded JSON: every document the service parses (request bodies, job manifests) goes through
 * parseBoundedJson, so nesting depth is limited before anything recursive (validation, hashing,
 * JSON.stringify, logging) can walk it. V8's JSON.parse itself is iterative, but the first
 * recursive walk of a document nested 200,000 levels deep overflows the stack.
 * @module
 */
import { JsonError } from "./errors";

/**
 * Deepest nesting accepted (objects and arrays). The deepest shape of the Voice ID model and of
 * the manifest format is 4 levels; 32 leaves room for any reasonable extra member while keeping
 * every recursive walk far from the stack limit.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a JSON text, counted without recursion (brackets inside strings are
 * skipped). Stops counting once `limit` is exceeded and returns limit + 1.
 */
export function jsonDepth(text: string, limit = Infinity): number {
    let depth = 0;
    let max = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === 0x5c)
                i++; // backslash: skip the escaped character
            else if (c === 0x22) inString = false;
            continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) {
            if (++depth > max) {
                max = depth;
                if (max > limit) return max;
            }
        } else if (c === 0x7d || c === 0x5d) depth--;
    }
    return max;
}

/** JSON.parse with a nesting bound; throws JsonError. */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
    if (jsonDepth(text, maxDepth) > maxDepth)
        throw new JsonError(`JSON nested deeper than ${maxDepth} levels`, "depth");
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new JsonError((e as Error).message, "syntax");
    }
}
