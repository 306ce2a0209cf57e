/**
 * Provider log lines. The dynamic provider host forwards its stdout/stderr to the `pulumi up`
 * display, so a short prefixed line per milestone is the progress report users see. Every line
 * passes through redaction first.
 * @module
 */
import { redactText } from "./redact";

/** A logger bound to one resource (its sensitive values are masked in every line). */
export interface Logger {
    info(message: string): void;
    warn(message: string): void;
}

/** Where lines go; tests swap it to capture them. */
export const sink = {
    write(level: "info" | "warn", line: string): void {
        if (level === "warn") console.error(line);
        else console.log(line);
    },
};

/** A logger prefixing lines with `[<prefix>]` and masking `secrets` and fraudster ids. */
export function logger(prefix: string, secrets: () => Iterable<string | undefined> = () => []): Logger {
    return {
        info: (m) => sink.write("info", redactText(`[${prefix}] ${m}`, secrets())),
        warn: (m) => sink.write("warn", redactText(`[${prefix}] warning: ${m}`, secrets())),
    };
}
