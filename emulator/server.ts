/**
 * The protocol layer (moto's "responses"): AWS JSON 1.0 over HTTP. Authenticates, injects the
 * configured faults, parses and validates the input against the model, dispatches to the
 * operation handlers and renders results and errors. No business rules live here.
 *
 * Hostile input is answered, never crashed on: authentication that needs no body happens before
 * the body is read; bodies over MAX_BODY get 413 (the rest of the body is drained, so the client
 * reads the answer instead of a connection reset); JSON is parsed with a nesting bound; members
 * the model does not know are dropped before the handlers see the input.
 * @module
 */
import * as http from "node:http";
import { randomUUID } from "node:crypto";
import {
    ServiceError,
    JsonError,
    SerializationError,
    serialization,
    unknownOperation,
    throttling,
    internal,
    validation,
    payloadTooLarge,
} from "./errors";
import { parseSigV4, verifySigV4Signature } from "./sigv4";
import { validateInput, redact } from "./model/validate";
import { modelledInput } from "./model/project";
import { parseBoundedJson } from "./json";
import { resolveTarget } from "./operations";
import type { OperationContext } from "./context";

/**
 * Largest request body accepted. The largest valid Voice ID request (UpdateWatchlist or
 * TagResource at their model maxima) is a few tens of KB; 1 MiB is the limit AWS's JSON
 * front ends commonly apply.
 */
export const MAX_BODY = 1024 * 1024;
/**
 * How long the rest of a refused request's body is read and discarded after the early answer
 * (a 413, or an authentication error) before the connection is dropped. A time bound rather
 * than a byte bound: discarding costs no memory, and a client that sends its whole body before
 * reading (many do) must get to read the answer; closing with unread data would make the
 * kernel reset the connection and lose the answer. Bounded, so an endless body cannot hold a
 * connection forever (nginx's lingering_time is the same idea).
 */
const LINGER_MS = 30_000;

/** Counters exposed for tests and benchmarks. */
export interface ServerStats {
    requests: number;
    errors: Record<string, number>;
}

function send(res: http.ServerResponse, status: number, body: unknown, requestId: string, errorType?: string): void {
    const payload = JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = {
        "content-type": "application/x-amz-json-1.0",
        "content-length": Buffer.byteLength(payload),
        "x-amzn-requestid": requestId,
    };
    if (errorType) headers["x-amzn-errortype"] = errorType;
    res.writeHead(status, headers);
    res.end(payload);
}

/** The client went away before its body arrived: nothing to answer, nothing went wrong here. */
class ClientGone extends Error {}

/** The body, or undefined when it exceeds MAX_BODY (what was read is discarded). */
function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const onData = (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) {
                req.off("data", onData);
                req.off("end", onEnd);
                chunks.length = 0;
                resolve(undefined);
                return;
            }
            chunks.push(c);
        };
        const onEnd = () => resolve(Buffer.concat(chunks));
        req.on("data", onData);
        req.on("end", onEnd);
        req.on("error", () => reject(new ClientGone()));
        req.on("close", () => {
            if (!req.complete) reject(new ClientGone());
        });
    });
}

/**
 * Reads and discards the rest of a request whose answer was sent early, so the client gets
 * to read that answer; with `close`, then closes the connection (the client asked for it). A
 * client still sending after LINGER_MS is cut off.
 */
function drain(req: http.IncomingMessage, close = false): void {
    if (req.complete || req.destroyed) return;
    const cutOff = setTimeout(() => req.destroy(), LINGER_MS);
    cutOff.unref();
    req.once("close", () => clearTimeout(cutOff));
    if (close) req.once("end", () => req.socket.end());
    req.on("error", () => undefined);
    req.resume();
}

function declaredLength(req: http.IncomingMessage): number | undefined {
    const v = req.headers["content-length"];
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Builds the request listener for one emulator instance. */
export function createRequestListener(ctx: OperationContext, stats: ServerStats, random: () => number = Math.random) {
    return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
        const requestId = randomUUID();
        const started = Date.now();
        let operation = "?";
        try {
            if (req.method === "GET" && req.url === "/_emulator/health") {
                res.writeHead(200, { "content-type": "application/json" });
                res.end(JSON.stringify({ ok: true, service: "voiceid-emulator" }));
                return;
            }
            stats.requests++;
            const auth = parseSigV4(
                { method: req.method ?? "POST", path: req.url ?? "/", headers: req.headers },
                { credentials: ctx.config.credentials, service: "voiceid", region: ctx.config.region, now: ctx.now },
            );
            if ((declaredLength(req) ?? 0) > MAX_BODY) throw payloadTooLarge(MAX_BODY);
            const body = await readBody(req);
            if (body === undefined) throw payloadTooLarge(MAX_BODY);
            verifySigV4Signature(auth, body);
            if (req.method !== "POST")
                throw unknownOperation(`Voice ID operations are POST requests to /, not ${req.method} requests`);
            const target = String(req.headers["x-amz-target"] ?? "");
            const route = resolveTarget(target);
            operation = route?.operation ?? target;
            if (!route) {
                throw unknownOperation(
                    target
                        ? `Unknown operation ${JSON.stringify(target.slice(0, 200))}: X-Amz-Target must be VoiceID.<operation> (or VoiceIDLocal.<operation> for the emulator's own)`
                        : "Missing X-Amz-Target header: it names the operation, VoiceID.<operation>",
                );
            }

            // Injected faults come after authentication, like a real front end's throttling.
            if (ctx.config.throttleRate > 0 && random() < ctx.config.throttleRate) throw throttling();
            if (ctx.config.faultRate > 0 && random() < ctx.config.faultRate) throw internal();

            let input: unknown;
            const text = body.toString("utf8").trim();
            try {
                input = text === "" ? {} : parseBoundedJson(text);
            } catch (e) {
                if (!(e instanceof JsonError)) throw e;
                throw serialization(
                    e.reason === "depth"
                        ? `The request body is ${e.message}`
                        : "Unable to parse the request body as JSON",
                );
            }
            if (!input || typeof input !== "object" || Array.isArray(input))
                throw serialization("The request body must be a JSON object");
            let message: string | undefined;
            try {
                message = validateInput(operation, input);
            } catch (e) {
                if (e instanceof SerializationError) throw serialization(e.message);
                throw e;
            }
            if (message) throw validation(message);
            const known = modelledInput(operation, input as Record<string, unknown>);
            ctx.log.debug("request", { requestId, operation, input: redact(operation, known) });
            const output = await route.handler(ctx, known);
            send(res, 200, output ?? {}, requestId);
            ctx.log.debug("response", { requestId, operation, status: 200, ms: Date.now() - started });
        } catch (e) {
            if (e instanceof ClientGone) {
                ctx.log.debug("client went away", { requestId, operation });
                return;
            }
            const err = e instanceof ServiceError ? e : internal();
            if (!(e instanceof ServiceError))
                ctx.log.error("unhandled error", { requestId, operation, error: String((e as Error)?.stack ?? e) });
            stats.errors[err.type] = (stats.errors[err.type] ?? 0) + 1;
            ctx.log.info("request failed", { requestId, operation, status: err.status, error: err.type });
            // A request that asked to close would have its connection closed once the answer is
            // written, while its body still arrives: a reset that loses the answer. So the connection
            // stays until the body is read, then closes (drain).
            const closeAfterBody = !req.complete && !res.headersSent && !res.shouldKeepAlive;
            if (closeAfterBody) res.shouldKeepAlive = true;
            if (!res.headersSent) send(res, err.status, err.toBody(), requestId, err.type);
            drain(req, closeAfterBody);
        }
    };
}

/**
 * `Expect: 100-continue` requests: an oversized declared body is refused before the client
 * sends it; anything else is told to continue and handled as usual.
 */
function checkContinue(listener: http.RequestListener) {
    return (req: http.IncomingMessage, res: http.ServerResponse): void => {
        if ((declaredLength(req) ?? 0) > MAX_BODY) {
            const err = payloadTooLarge(MAX_BODY);
            // Nothing of the body was sent: the connection cannot be reused for the next request.
            res.setHeader("connection", "close");
            send(res, err.status, err.toBody(), randomUUID(), err.type);
            return;
        }
        res.writeContinue();
        listener(req, res);
    };
}

/**
 * The HTTP server of one emulator instance. Node binds it with SO_REUSEADDR (libuv's default),
 * so a restarted service gets its port back while connections of the old one are in TIME-WAIT.
 * Expectations other than 100-continue are ignored (Node would answer a bare 417 without the
 * JSON error body clients parse).
 */
export function createHttpServer(ctx: OperationContext, stats: ServerStats, random?: () => number): http.Server {
    const listener = createRequestListener(ctx, stats, random);
    const { headersTimeoutMs, requestTimeoutMs, maxConnections } = ctx.config;
    const server = http.createServer(
        {
            headersTimeout: headersTimeoutMs,
            requestTimeout: requestTimeoutMs,
            // How often those two are checked (Node's default, 30 s, would let slow sockets pile up).
            connectionsCheckingInterval: Math.max(100, Math.min(1000, headersTimeoutMs / 4)),
            keepAliveTimeout: 5000,
        },
        listener,
    );
    server.maxConnections = maxConnections;
    server.on("checkContinue", checkContinue(listener));
    server.on("checkExpectation", listener);
    return server;
}
