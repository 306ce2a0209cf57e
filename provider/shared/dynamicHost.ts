/**
 * What Pulumi's Node.js dynamic provider host lets our code observe, and arming it.
 *
 * The engine starts that host (`@pulumi/pulumi/cmd/dynamic-provider`, through the
 * `pulumi-resource-pulumi-nodejs` shell script) with the engine's address as its argument, and our
 * provider modules are `require`d inside it at call time. Two things matter for long waits:
 * - the engine gone: see `engineWatch.ts`, armed here with the engine's address;
 * - a cancellation: one Ctrl-C or SIGTERM of `pulumi up` makes the engine send its Cancel RPC to
 *   every provider, then wait for the operations in flight. The host answers Cancel itself (an
 *   empty reply) and tells no one; it gets no signal either (plugins live in a process group of
 *   their own) and nothing on stdin. The RPC still arrives as an HTTP/2 stream on the host's gRPC
 *   server, and Node publishes every such stream on the `http2.server.stream.start` diagnostics
 *   channel (Node 22.17 and later): subscribing to it is how our waits hear the Cancel.
 *
 * {@link armInDynamicHost} is called by every provider call and does nothing outside that host
 * (unit tests, programs calling the provider modules directly).
 * @module
 */
import * as diagnostics from "diagnostics_channel";
import * as path from "path";
import { watchEngine } from "./engineWatch";
import { setHowToStop, stopWaits } from "./stop";

/** The gRPC path of the engine's Cancel call to a resource provider. */
export const CANCEL_PATH = "/pulumirpc.ResourceProvider/Cancel";

/** The channel on which Node publishes each HTTP/2 stream a server starts handling. */
const STREAM_CHANNEL = "http2.server.stream.start";

let armed = false;

/** Whether this process is the Node.js dynamic provider host. */
export function inDynamicHost(main: string | undefined = require.main?.filename): boolean {
    const parts = (main ?? "").split(path.sep);
    return parts.slice(-5).join("/") === "@pulumi/pulumi/cmd/dynamic-provider/index.js";
}

/** Whether this Node publishes the HTTP/2 streams the Cancel arrives on (22.17+, 24.2+). */
export function cancelObservable(version: string = process.versions.node): boolean {
    const [major, minor] = version.split(".").map(Number);
    return major === 22 ? minor >= 17 : major === 24 ? minor >= 2 : major > 24;
}

/** The engine's address among the host's arguments (the last `host:port` one). */
export function engineAddressOf(args: readonly string[]): string | undefined {
    return [...args].reverse().find((a) => /^(\[[0-9a-fA-F:]+\]|[\w.-]+):\d{1,5}$/.test(a));
}

/** Stops every wait when `message` is the start of an engine Cancel call. */
export function onStreamStart(message: unknown): void {
    const headers = (message as { headers?: Record<string, unknown> } | undefined)?.headers;
    if (headers?.[":path"] === CANCEL_PATH) {
        stopWaits({
            kind: "cancelled",
            detail: "the engine asked to cancel the update (Ctrl-C or SIGTERM of `pulumi up`)",
        });
    }
}

/**
 * In the dynamic provider host, once per process: watches for the engine going away and for its
 * Cancel, and says on the first line of each wait how to stop it. Elsewhere: nothing.
 */
export function armInDynamicHost(): void {
    if (armed || !inDynamicHost()) return;
    armed = true;
    watchEngine({ engineAddress: engineAddressOf(process.argv.slice(2)) });
    if (cancelObservable()) {
        diagnostics.subscribe(STREAM_CHANNEL, onStreamStart);
        setHowToStop("one Ctrl-C (or SIGTERM) of `pulumi up` stops waiting");
    } else {
        setHowToStop(
            `this Node.js (${process.versions.node}, before 22.17) cannot tell the provider of a Ctrl-C, ` +
                "so one Ctrl-C waits for the job's end; press Ctrl-C twice to stop waiting at once",
        );
    }
}
