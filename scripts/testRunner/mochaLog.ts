/**
 * Reading what a mocha process (spec reporter) wrote: its counts and its failures.
 * @module
 */

/** Test counts of one mocha process. */
export interface Counts {
    passed: number;
    failed: number;
    skipped: number;
}

/**
 * The counts of the spec reporter's summary (`N passing`, `N failing`, `N pending`). A process
 * that exited non-zero without a `failing` line (a crash, a kill, a syntax error) counts as one
 * failure, so a broken file can never pass unnoticed.
 */
export function mochaCounts(log: string, exitCode: number | null): Counts {
    const count = (word: string) => {
        const all = [...log.matchAll(new RegExp(`^ *(\\d+) ${word}\\b`, "gm"))];
        return all.length ? Number(all[all.length - 1][1]) : undefined;
    };
    const passed = count("passing") ?? 0;
    const skipped = count("pending") ?? 0;
    let failed = count("failing");
    if (failed === undefined) failed = exitCode === 0 ? 0 : 1;
    return { passed, failed, skipped };
}

/**
 * What to reprint for a failed process: the spec reporter's failure list (from `N failing` to
 * the end), else the log's last `tailLines` lines.
 */
export function failureReport(log: string, tailLines = 60): string {
    const lines = log.split("\n");
    let start = -1;
    for (let i = lines.length - 1; i >= 0; i--) {
        if (/^ *\d+ failing\b/.test(lines[i])) {
            start = i;
            break;
        }
    }
    const shown = start >= 0 ? lines.slice(start) : lines.slice(-tailLines);
    return shown.join("\n").trimEnd();
}
