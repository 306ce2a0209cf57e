/**
 * Provider log lines: a short prefixed line per milestone is the progress report users see.
 * Inside a provider host the engine started, lines go to the engine as its own diagnostics
 * (`engineLog.ts`: warnings counted as warnings, on the resource's row when its URN is known);
 * elsewhere to stdout/stderr. Every line passes through redaction first.
 * @module
 */
import { sendToEngine } from "./engineLog";
import { redactText, withoutPlaceholders } from "./redact";

/** A logger bound to one resource (its sensitive values are masked in every line). */
export interface Logger {
    info(message: string): void;
    warn(message: string): void;
}

/** Where lines go; tests swap it to capture them. `urn` names the resource a line is about. */
export const sink = {
    write(level: "info" | "warn", raw: string, urn?: string): void {
        const line = withoutPlaceholders(raw);
        // The engine labels a warning itself: the line's own "warning: " would be said twice.
        if (sendToEngine(level, level === "warn" ? line.replace(/^(\[[^\]]*\] )warning: /, "$1") : line, urn)) return;
        if (level === "warn") console.error(line);
        else console.log(line);
    },
};

/** A logger prefixing lines with `[<prefix>]` and masking `secrets` and fraudster ids; `urn` is the resource's. */
export function logger(prefix: string, secrets: () => Iterable<string | undefined> = () => [], urn?: string): Logger {
    return {
        info: (m) => sink.write("info", redactText(`[${prefix}] ${m}`, secrets()), urn),
        warn: (m) => sink.write("warn", redactText(`[${prefix}] warning: ${m}`, secrets()), urn),
    };
}
