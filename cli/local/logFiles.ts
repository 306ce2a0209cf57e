/**
 * Log files of the local stack: appended to across restarts (the log of a crashed process is
 * what explains the crash) and rotated by size at each start so they stay bounded.
 * @module
 */
import * as fs from "node:fs";

/** Rotation policy: rotate when the live file reached `maxBytes`, keep `keep` old files. */
export interface RotationPolicy {
    maxBytes: number;
    keep: number;
}

/** 10 MiB per file, three old files (`x.log.1` newest ... `x.log.3` oldest): at most 40 MiB per log. */
export const DEFAULT_ROTATION: RotationPolicy = { maxBytes: 10 * 1024 * 1024, keep: 3 };

/**
 * Rotates `file` when it is at least `maxBytes` long: `file.N-1` -> `file.N` (the oldest beyond
 * `keep` is deleted), `file` -> `file.1`. Returns true when it rotated. A missing file is fine.
 */
export function rotateIfLarge(file: string, policy: RotationPolicy = DEFAULT_ROTATION): boolean {
    let size: number;
    try {
        size = fs.statSync(file).size;
    } catch {
        return false;
    }
    if (size < policy.maxBytes) return false;
    if (policy.keep <= 0) {
        fs.rmSync(file, { force: true });
        return true;
    }
    fs.rmSync(`${file}.${policy.keep}`, { force: true });
    for (let i = policy.keep - 1; i >= 1; i--) {
        if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    fs.renameSync(file, `${file}.1`);
    return true;
}

/**
 * Opens `file` for appending after rotating it if needed; the fd is meant to be handed to a
 * child process as its stdout/stderr (the caller closes its own copy after spawning).
 */
export function openLogForAppend(file: string, policy: RotationPolicy = DEFAULT_ROTATION): number {
    rotateIfLarge(file, policy);
    return fs.openSync(file, "a");
}
