import { spawn, SpawnOptions } from "child_process";
import * as fs from "fs";

/** What a finished child process left behind. */
export interface RunResult {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

/** Options for {@link run}. */
export interface RunOptions extends SpawnOptions {
    /** Kill the process (and its group) after this many milliseconds. */
    timeoutMs?: number;
    /** Text written to stdin, which is then closed. */
    input?: string;
}

/**
 * Runs a command to completion and collects its output. Never rejects for a non-zero exit:
 * callers assert on the result so failures show the command's own output.
 */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { ...opts, detached: true, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout!.on("data", (d) => (stdout += d));
        child.stderr!.on("data", (d) => (stderr += d));
        // A child that exits before reading its stdin (a one-line script) closes the pipe first:
        // the EPIPE of our write says nothing about the command, whose exit code does.
        child.stdin!.on("error", (err: NodeJS.ErrnoException) => {
            if (err.code !== "EPIPE") reject(err);
        });
        child.stdin!.end(opts.input ?? "");
        const timer = opts.timeoutMs ? setTimeout(() => killGroup(child.pid!, "SIGKILL"), opts.timeoutMs) : undefined;
        child.on("error", reject);
        child.on("close", (code, signal) => {
            if (timer) clearTimeout(timer);
            resolve({ code, signal, stdout, stderr });
        });
    });
}

/** Sends a signal to a whole process group started by {@link run} or spawn({detached: true}). */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch (e: any) {
        if (e.code !== "ESRCH") throw e;
    }
}

/** Direct and indirect children of `root` (from /proc), whatever their process group. */
function descendants(root: number): number[] {
    const parent = new Map<number, number>();
    for (const e of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(e)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            parent.set(Number(e), ppid);
        } catch {
            // exited meanwhile
        }
    }
    const out: number[] = [];
    const queue = [root];
    while (queue.length) {
        const p = queue.shift()!;
        for (const [pid, pp] of parent) {
            if (pp === p && !out.includes(pid)) {
                out.push(pid);
                queue.push(pid);
            }
        }
    }
    return out;
}

function processGroup(pid: number): number | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    } catch {
        return undefined;
    }
}

/**
 * kill -9 of the whole `pulumi up`: its process group, plus descendants that live in groups of
 * their own (Pulumi starts plugins with Setpgid). Returns how many processes were outside the
 * group.
 */
export function killTree(pid: number): number {
    const tree = descendants(pid);
    killGroup(pid, "SIGKILL");
    let outside = 0;
    for (const p of tree) {
        if (processGroup(p) === pid) continue;
        outside++;
        try {
            process.kill(p, "SIGKILL");
        } catch {
            // already gone
        }
    }
    return outside;
}
