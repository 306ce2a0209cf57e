/**
 * The name and description rules domains and watchlists share (service model voice-id
 * 2021-09-27), and the default name made from a logical resource name.
 * @module
 */
import { Validator } from "./validation";

/** DomainName and WatchlistName. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
/** Description (domain and watchlist). */
export const DESCRIPTION_PATTERN = /^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$/u;
/** The name/description rules shared by domains and watchlists. */
export function validateNameAndDescription(v: Validator, inputs: Record<string, unknown>): void {
    if (v.required("name", inputs.name)) {
        if (v.length("name", inputs.name, 1, 256, true)) {
            v.pattern(
                "name",
                inputs.name,
                NAME_PATTERN,
                "must start with a letter or digit and contain only letters, digits, '_' and '-'",
                true,
            );
        }
    }
    if (inputs.description !== undefined) {
        if (v.length("description", inputs.description, 1, 1024, true)) {
            v.pattern(
                "description",
                inputs.description,
                DESCRIPTION_PATTERN,
                "may contain only letters, digits, spaces and _ . : / = + - % @",
                true,
            );
        }
    }
}

/**
 * A valid default name from a logical resource name: characters outside `[a-zA-Z0-9_-]` become
 * `-`, a leading `_`/`-` gets an `x` in front, and the result is cut to 256 characters.
 */
export function defaultName(logicalName: string): string {
    let n = logicalName.replace(/[^a-zA-Z0-9_-]/g, "-");
    if (!/^[a-zA-Z0-9]/.test(n)) n = `x${n}`;
    return n.slice(0, 256);
}
