/**
 * Minimal leveled logger writing one JSON object per line to stderr. Callers pass redacted
 * data: sensitive members (names, descriptions, job names, fraudster ids, tags) never reach it.
 * @module
 */
const LEVELS: Record<string, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
    debug(msg: string, data?: Record<string, unknown>): void;
    info(msg: string, data?: Record<string, unknown>): void;
    warn(msg: string, data?: Record<string, unknown>): void;
    error(msg: string, data?: Record<string, unknown>): void;
}

export function createLogger(
    level: string,
    sink: (line: string) => void = (l) => process.stderr.write(l + "\n"),
): Logger {
    const min = LEVELS[level] ?? LEVELS.info;
    const emit = (lvl: string) => (msg: string, data?: Record<string, unknown>) => {
        if (LEVELS[lvl] < min) return;
        sink(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...data }));
    };
    return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}
