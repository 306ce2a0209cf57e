/**
 * Port choice for the local stack. A restarted service must come back on the port its clients
 * were given (a running `pulumi up` keeps retrying that endpoint), so the recorded port is
 * reused unless another process really holds it.
 * @module
 */
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

/** Where a component will listen, and why. */
export interface PortChoice {
    port: number;
    /** Set when the recorded port could not be reused: the message to show the user. */
    moved?: string;
}

/**
 * The recorded port when it is still free, else a fresh one (with a message naming both, so
 * the user knows to re-source the env file).
 */
export async function choosePort(what: string, recorded: number | undefined, avoid: number[] = [], host = "127.0.0.1"): Promise<PortChoice> {
    if (recorded !== undefined && !avoid.includes(recorded) && (await portIsFree(recorded, host))) return { port: recorded };
    const port = await freePort(host, avoid);
    if (recorded === undefined) return { port };
    const why = avoid.includes(recorded) ? "is taken by another component of the stack" : "is held by another process";
    return { port, moved: `${what}: port ${recorded} (recorded in the env file) ${why}; using port ${port} instead: re-source the env file` };
}
