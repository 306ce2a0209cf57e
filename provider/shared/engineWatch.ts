/**
 * Our provider code never outlives the engine that runs it.
 *
 * The engine starts a provider plugin in a process group of its own (Setpgid), with stdin a pipe
 * it never writes nor closes and stdout/stderr pipes it reads (`ExecPlugin` in
 * `pkg/resource/plugin/plugin.go` of pulumi/pulumi). When the engine dies (kill -9, a lost CI
 * runner) nothing tells the plugin: a kill of `pulumi up`'s process group does not reach it, and
 * the plugin is reparented. The Node.js dynamic provider host then keeps serving: our waits go on
 * polling the service, and the first line written to the dead stderr fails with EPIPE, an
 * uncaught error that the host's handler prints to stderr again, forever (a full core, memory
 * growing without bound).
 *
 * {@link watchEngine} notices within seconds, from whichever comes first:
 * - stdin at end of file (the engine held the only write end of that pipe);
 * - the parent process gone (our parent pid changed: we were reparented);
 * - the engine's gRPC address refusing connections, twice in a row;
 * - stdout or stderr failing (EPIPE): such errors are handled here, so they never reach an
 *   uncaught-error handler that would write them to the same dead pipe.
 * It then stops every wait (`stop.ts`) and exits the process.
 *
 * Unref'd timers and handles only: the watch never keeps a process alive by itself. It arms only
 * when a host asks (`dynamicHost.ts`, or a native plugin host), never in a process that merely
 * loads the provider modules, such as unit tests.
 * @module
 */
import * as fs from "fs";
import * as net from "net";
import { stopWaits } from "./stop";

/** Options of {@link watchEngine}. */
export interface EngineWatchOptions {
    /** The engine's gRPC address (`127.0.0.1:PORT`, a plugin's argument); unchecked when absent. */
    engineAddress?: string;
    /** Watch stdin for end of file; default: when stdin is a pipe (as the engine starts plugins) or a socket. */
    stdin?: boolean;
    /** Interval of the parent and address checks (ms). */
    intervalMs?: number;
    /** What follows once the engine is gone, after the waits were stopped; default: exit. */
    onGone?: (reason: string) => void;
}

/** A running watch. */
export interface EngineWatch {
    /** Why the engine is considered gone, once it is. */
    readonly goneReason: string | undefined;
    /** Ends the watch (its listeners and timer). */
    close(): void;
}

/** Exit code of a process whose engine went away (nobody reads it; distinct for debugging). */
export const ENGINE_GONE_EXIT_CODE = 3;

let current: EngineWatch | undefined;

/** Starts the process's watch, or returns the one already running (one per process). */
export function watchEngine(opts: EngineWatchOptions = {}): EngineWatch {
    if (current) return current;
    const intervalMs = opts.intervalMs ?? 2_000;
    const onGone = opts.onGone ?? exitProcess;
    const cleanups: (() => void)[] = [];
    let goneReason: string | undefined;

    const gone = (reason: string) => {
        if (goneReason !== undefined) return;
        goneReason = reason;
        stopWaits({ kind: "engineGone", detail: `the Pulumi engine is gone (${reason})` });
        onGone(reason);
    };

    // A failed write must never become an uncaught error (see the module comment).
    for (const [name, stream] of [
        ["stdout", process.stdout],
        ["stderr", process.stderr],
    ] as const) {
        const onError = (err: NodeJS.ErrnoException) => gone(`${name}: ${err.code ?? err.message}`);
        stream.on("error", onError);
        cleanups.push(() => stream.off("error", onError));
    }

    if (opts.stdin ?? stdinIsPipe()) {
        const stdin = process.stdin;
        const onEnd = () => gone("stdin closed");
        const onError = (err: NodeJS.ErrnoException) => gone(`stdin: ${err.code ?? err.message}`);
        stdin.on("end", onEnd);
        stdin.on("error", onError);
        // Nothing is ever written to it: reading only waits for the end of file.
        stdin.resume();
        (stdin as { unref?: () => void }).unref?.();
        cleanups.push(() => {
            stdin.off("end", onEnd);
            stdin.off("error", onError);
            stdin.pause();
        });
    }

    const parent = process.ppid;
    const address = parseAddress(opts.engineAddress);
    let refusals = 0;
    let probing = false;
    const timer = setInterval(() => {
        if (process.ppid !== parent) return gone(`parent process ${parent} exited`);
        if (!address || probing) return;
        probing = true;
        probe(address, intervalMs).then((refused) => {
            probing = false;
            refusals = refused ? refusals + 1 : 0;
            // Twice in a row: one refusal could be a listen backlog overflowing under load.
            if (refusals >= 2) gone(`engine address ${address.host}:${address.port} refuses connections`);
        });
    }, intervalMs);
    timer.unref();
    cleanups.push(() => clearInterval(timer));

    current = {
        get goneReason() {
            return goneReason;
        },
        close() {
            for (const c of cleanups) c();
            if (current === this) current = undefined;
        },
    };
    return current;
}

/** The default end once the engine is gone: nothing can receive our answers any more. */
function exitProcess(): void {
    // After the current tick, so the stopped waits' handlers run first; exit even when something
    // still holds the event loop (the host's gRPC server does).
    setImmediate(() => process.exit(ENGINE_GONE_EXIT_CODE));
}

/** A pipe (the engine's) or a socket (Node's child_process): either ends when its writer dies. */
function stdinIsPipe(): boolean {
    try {
        const stat = fs.fstatSync(0);
        return stat.isFIFO() || stat.isSocket();
    } catch {
        return false;
    }
}

/** `host:port` (IPv6 in brackets), else undefined. */
export function parseAddress(address: string | undefined): { host: string; port: number } | undefined {
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(address ?? "");
    return m ? { host: m[1], port: Number(m[2]) } : undefined;
}

/** One connection attempt: true when refused (nothing listens), false otherwise (even a timeout). */
function probe(address: { host: string; port: number }, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect(address);
        socket.unref();
        const done = (refused: boolean) => {
            socket.destroy();
            resolve(refused);
        };
        socket.setTimeout(timeoutMs, () => done(false));
        socket.once("connect", () => done(false));
        socket.once("error", (err: NodeJS.ErrnoException) => done(err.code === "ECONNREFUSED"));
    });
}
