/**
 * Log lines sent to the Pulumi engine itself, as the engine's own diagnostics.
 *
 * The dynamic provider host gives provider code no engine logger: what it prints reaches the
 * display only as plain text (the engine relays a plugin's stderr as info), so a warning is not
 * counted as one and lands on the Stack row (pulumi/pulumi#6065). The host is started with the
 * engine's address as its first argument, and the engine serves `Engine.Log` there; this module
 * calls it with the severity and, when the resource class recorded it, the resource's URN, so the
 * line shows on the resource's own row. Anywhere else (unit tests, the local service) nothing is
 * sent and callers print as before.
 *
 * Provider-side: loads `@pulumi/pulumi`'s protocol stubs and gRPC only inside the host.
 * @module
 */
import * as path from "path";
import { engineAddressOf, inDynamicHost } from "./dynamicHost";

type Level = "info" | "warn";

/** The engine's address when this process is the dynamic provider host the engine started. */
export function hostEngineAddress(): string | undefined {
    return inDynamicHost() ? engineAddressOf(process.argv.slice(2)) : undefined;
}

export interface EngineStub {
    log(
        request: unknown,
        metadata: unknown,
        options: { deadline: number },
        callback: (err: Error | null) => void,
    ): void;
}

/** How long one line may take to reach the engine before it is printed instead. */
const SEND_DEADLINE_MS = 10_000;

let engine:
    | {
          client: EngineStub;
          metadata: () => unknown;
          makeRequest: (severity: Level, message: string, urn?: string) => unknown;
      }
    | null
    | undefined;
const pending = new Set<Promise<void>>();

/**
 * Routes every line to an engine client the caller made: the native plugin
 * (`provider/native/host.ts`) is started by the engine with its address too, but is not the
 * dynamic provider host and bundles its own gRPC, so it hands its client over here.
 */
export function useEngine(
    client: EngineStub,
    makeRequest: (severity: Level, message: string, urn?: string) => unknown,
    metadata: () => unknown,
): void {
    engine = { client, makeRequest, metadata };
}

function connect(): typeof engine {
    if (engine !== undefined) return engine;
    engine = null;
    const address = hostEngineAddress();
    if (!address) return engine;
    try {
        // The stubs require their own @grpc/grpc-js: resolve it from @pulumi/pulumi so both use one copy.
        const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
        const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] }));
        const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
        const engproto = require("@pulumi/pulumi/proto/engine_pb");
        const client = new engrpc.EngineClient(address, grpc.credentials.createInsecure());
        engine = {
            client,
            metadata: () => new grpc.Metadata(),
            makeRequest: (severity, message, urn) => {
                const req = new engproto.LogRequest();
                req.setSeverity(severity === "warn" ? engproto.LogSeverity.WARNING : engproto.LogSeverity.INFO);
                req.setMessage(message);
                if (urn) req.setUrn(urn);
                return req;
            },
        };
    } catch {
        engine = null;
    }
    return engine;
}

/** Sends a line to the engine; false when there is no engine to send to (print it instead). */
export function sendToEngine(level: Level, message: string, urn?: string): boolean {
    const e = connect();
    if (!e) return false;
    const sent = new Promise<void>((resolve) => {
        e.client.log(
            e.makeRequest(level, message, urn),
            e.metadata(),
            { deadline: Date.now() + SEND_DEADLINE_MS },
            (err) => {
                // The engine gone or refusing: the line goes to stderr, where the host relays it.
                if (err) process.stderr.write(`${message}\n`, () => resolve());
                else resolve();
            },
        );
    });
    pending.add(sent);
    void sent.then(() => pending.delete(sent));
    return true;
}

/** Waits for the lines sent so far (a provider call returns after its lines reached the engine). */
export async function flushEngineLog(): Promise<void> {
    while (pending.size) await Promise.all([...pending]);
}
