/**
 * Port choice for the local stack. A restarted service must come back on the port its clients
 * were given (a running `pulumi up` keeps retrying that endpoint), so the recorded port is
 * reused unless another process really holds it.
 * @module
 */
import * as fs from "node:fs";
import * as net from "node:net";

/**
 * True when `port` can be bound on `host` now. Node binds with SO_REUSEADDR (libuv does so for
 * every TCP socket on Unix), so connections of a dead process lingering in TIME-WAIT do not
 * count as "in use"; only a socket another process listens on does. The services themselves
 * bind the same way (Node's http server, and werkzeug's HTTPServer for moto).
 */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
    return new Promise((resolve) => {
        const srv = net.createServer();
        srv.unref();
        srv.once("error", () => resolve(false));
        srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
    });
}

/** A port the kernel says is free on `host`, excluding `avoid`. */
export async function freePort(host = "127.0.0.1", avoid: number[] = []): Promise<number> {
    for (;;) {
        const port = await new Promise<number>((resolve, reject) => {
            const srv = net.createServer();
            srv.unref();
            srv.once("error", reject);
            srv.listen({ port: 0, host, exclusive: true }, () => {
                const { port: p } = srv.address() as net.AddressInfo;
                srv.close(() => resolve(p));
            });
        });
        if (!avoid.includes(port)) return port;
    }
}

/**
 * The process listening on a loopback or wildcard TCP port, when Linux's /proc can tell (only
 * for processes of the same user); undefined otherwise.
 */
export function portHolder(port: number): { pid: number; command: string } | undefined {
    const hex = port.toString(16).toUpperCase().padStart(4, "0");
    const inodes = new Set<string>();
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
        let text = "";
        try {
            text = fs.readFileSync(table, "utf8");
        } catch {
            continue;
        }
        for (const line of text.split("\n").slice(1)) {
            const f = line.trim().split(/\s+/);
            if (f.length > 9 && f[1].endsWith(`:${hex}`) && f[3] === "0A") inodes.add(f[9]);
        }
    }
    if (inodes.size === 0) return undefined;
    let pids: string[] = [];
    try {
        pids = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
    } catch {
        return undefined;
    }
    for (const pid of pids) {
        let fds: string[];
        try {
            fds = fs.readdirSync(`/proc/${pid}/fd`);
        } catch {
            continue;
        }
        for (const fd of fds) {
            try {
                const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
                if (m && inodes.has(m[1])) {
                    const command = fs
                        .readFileSync(`/proc/${pid}/cmdline`, "utf8")
                        .split("\0")
                        .filter(Boolean)
                        .join(" ");
                    return { pid: Number(pid), command: command.length > 80 ? `${command.slice(0, 77)}...` : command };
                }
            } catch {
                // gone meanwhile
            }
        }
    }
    return undefined;
}

/** Where a component will listen, and why. */
export interface PortChoice {
    port: number;
    /** Set when the recorded port could not be reused: the message to show the user. */
    moved?: string;
}

/**
 * The recorded port when it is free (or becomes free within `graceMs`), else a fresh one (with
 * a message naming both, so the user knows to re-source the env file).
 */
export async function choosePort(
    what: string,
    recorded: number | undefined,
    avoid: number[] = [],
    host = "127.0.0.1",
    graceMs = 1000,
): Promise<PortChoice> {
    if (recorded !== undefined && !avoid.includes(recorded)) {
        // A process killed a moment ago may still hold its socket while its threads exit.
        const deadline = Date.now() + graceMs;
        for (;;) {
            if (await portIsFree(recorded, host)) return { port: recorded };
            if (Date.now() >= deadline) break;
            await new Promise((r) => setTimeout(r, 100));
        }
    }
    const port = await freePort(host, avoid);
    if (recorded === undefined) return { port };
    const holder = avoid.includes(recorded) ? undefined : portHolder(recorded);
    const why = avoid.includes(recorded)
        ? "is taken by another component of the stack"
        : `is held by another process${holder ? ` (pid ${holder.pid}: ${holder.command})` : ""}`;
    return {
        port,
        moved: `${what}: port ${recorded} (recorded in the env file) ${why}; using port ${port} instead: re-source the env file`,
    };
}
