// The protocol layer (moto's "responses"): AWS JSON 1.0 over HTTP. Authenticates, injects the
// configured faults, parses and validates the input against the model, dispatches to the
// operation handlers and renders results and errors. No business rules live here.
import * as http from "node:http";
import { randomUUID } from "node:crypto";
import { ServiceError, serialization, unknownOperation, throttling, internal, validation } from "./errors";
import { verifySigV4 } from "./sigv4";
import { validateInput, SerializationError, redact } from "./model/validate";
import { resolveTarget } from "./operations";
import type { OperationContext } from "./operations/context";

const MAX_BODY = 1024 * 1024;

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

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(validation("Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
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
      const body = await readBody(req);
      await verifySigV4(
        { method: req.method ?? "POST", path: req.url ?? "/", headers: req.headers, body },
        { credentials: ctx.config.credentials, service: "voiceid", now: ctx.now },
      );
      if (req.method !== "POST") throw unknownOperation();
      const target = String(req.headers["x-amz-target"] ?? "");
      const route = resolveTarget(target);
      operation = route?.operation ?? target;
      if (!route) throw unknownOperation();

      // Injected faults come after authentication, like a real front end's throttling.
      if (ctx.config.throttleRate > 0 && random() < ctx.config.throttleRate) throw throttling();
      if (ctx.config.faultRate > 0 && random() < ctx.config.faultRate) throw internal();

      let input: unknown;
      const text = body.toString("utf8").trim();
      try {
        input = text === "" ? {} : JSON.parse(text);
      } catch {
        throw serialization("Unable to parse the request body as JSON");
      }
      if (!input || typeof input !== "object" || Array.isArray(input)) throw serialization("The request body must be a JSON object");
      let message: string | undefined;
      try {
        message = validateInput(operation, input);
      } catch (e) {
        if (e instanceof SerializationError) throw serialization(e.message);
        throw e;
      }
      if (message) throw validation(message);
      ctx.log.debug("request", { requestId, operation, input: redact(operation, input) });
      const output = await route.handler(ctx, input as Record<string, unknown>);
      send(res, 200, output ?? {}, requestId);
      ctx.log.debug("response", { requestId, operation, status: 200, ms: Date.now() - started });
    } catch (e) {
      const err = e instanceof ServiceError ? e : internal();
      if (!(e instanceof ServiceError)) ctx.log.error("unhandled error", { requestId, operation, error: String((e as Error)?.stack ?? e) });
      stats.errors[err.type] = (stats.errors[err.type] ?? 0) + 1;
      ctx.log.info("request failed", { requestId, operation, status: err.status, error: err.type });
      if (!res.headersSent) send(res, err.status, err.toBody(), requestId, err.type);
    }
  };
}
