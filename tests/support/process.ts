import { spawn, SpawnOptions } from "child_process";

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
        child.stdin!.end(opts.input ?? "");
        const timer = opts.timeoutMs
            ? setTimeout(() => killGroup(child.pid!, "SIGKILL"), opts.timeoutMs)
            : undefined;
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
