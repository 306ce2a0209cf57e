/**
 * The lock of a stack directory: one `start` or `stop` at a time. Two `start`s in one directory
 * would otherwise both find nothing running and start two services on two ports, one of them
 * unrecorded.
 * @module
 */
import * as fs from "node:fs";

/** How long a `start` or `stop` waits for the one in progress in the same directory. */
export const LOCK_WAIT_MS = 20 * 60_000;

const alive = (pid: number): boolean => {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === "EPERM";
    }
};

/** Seconds since the epoch at which Linux booted (`btime` of /proc/stat); undefined without /proc. */
function bootTime(): number | undefined {
    try {
        const m = /^btime (\d+)$/m.exec(fs.readFileSync("/proc/stat", "utf8"));
        return m ? Number(m[1]) : undefined;
    } catch {
        return undefined;
    }
}

/**
 * When process `pid` started (ms since the epoch), from /proc; undefined when unknown. The
 * command name in /proc/<pid>/stat may hold spaces and parentheses, so fields are counted from
 * its closing one; start time is field 22, in clock ticks since boot (USER_HZ, 100 on Linux).
 */
export function processStartMs(pid: number): number | undefined {
    const boot = bootTime();
    let stat: string;
    try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
        return undefined;
    }
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return boot === undefined || !Number.isFinite(ticks) ? undefined : (boot + ticks / 100) * 1000;
}

/**
 * Whether the lock's process still holds it: alive, and not a process that started after the
 * lock was written (the holder died and its pid went to another process; pids are reused).
 * The slack covers the start time's resolution (10 ms) and file systems' coarse mtimes.
 */
function heldBy(pid: number, lock: string): boolean {
    if (!alive(pid)) return false;
    const started = processStartMs(pid);
    let written: number;
    try {
        written = fs.statSync(lock).mtimeMs;
    } catch {
        return false; // released meanwhile
    }
    return started === undefined || started <= written + 2000;
}

const lockText = (lock: string): string | undefined => {
    try {
        return fs.readFileSync(lock, "utf8");
    } catch {
        return undefined;
    }
};
const holderOf = (text: string | undefined): number => Number(text?.trim() || NaN);

/**
 * Runs `fn` holding `lock` (created exclusively, holding our pid). A lock whose process is gone
 * (killed mid-start, its pid perhaps reused since) is taken over; one held by a live process is
 * waited for, up to {@link LOCK_WAIT_MS} (a first start builds the Python venv). `dir` and
 * `say` are for the messages.
 */
export async function withStackLock<T>(
    lock: string,
    dir: string,
    say: (line: string) => void,
    fn: () => Promise<T>,
): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    let announced = false;
    for (;;) {
        try {
            fs.writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
            break;
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        }
        const text = lockText(lock);
        const holder = holderOf(text);
        if (text !== undefined && (!Number.isInteger(holder) || !heldBy(holder, lock))) {
            takeOverStaleLock(lock, text);
            continue;
        }
        if (Date.now() > deadline) {
            throw new Error(
                `another pulumi-voiceid local command (pid ${holder}) still holds ${lock} after ${LOCK_WAIT_MS / 60_000} minutes; ` +
                    `if no such command runs, delete that file`,
            );
        }
        if (!announced) say(`waiting for another pulumi-voiceid local command (pid ${holder}) in ${dir}`);
        announced = true;
        await new Promise((r) => setTimeout(r, 200));
    }
    try {
        return await fn();
    } finally {
        if (holderOf(lockText(lock)) === process.pid) fs.rmSync(lock, { force: true });
    }
}

/**
 * Removes a stale lock whose content was `stale`. Moving it aside first makes the removal one
 * step; if what was moved is not that lock (another waiter took over in between and locked
 * again), it is put back.
 */
function takeOverStaleLock(lock: string, stale: string): void {
    const aside = `${lock}.stale-${process.pid}`;
    try {
        fs.renameSync(lock, aside);
    } catch {
        return; // another waiter moved it first
    }
    if (lockText(aside) !== stale) {
        try {
            fs.linkSync(aside, lock); // a live holder's lock: put it back, unless a new one exists
        } catch {
            // someone locked again meanwhile; that lock stands, the moved one is dropped
        }
    }
    fs.rmSync(aside, { force: true });
}
