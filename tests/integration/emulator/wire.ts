/**
 * Hand-made requests for what SDKs never send: other regions, tampered bodies, presigned URLs,
 * oversized or deeply nested bodies. Sent with node:http so a connection reset shows as an error.
 * @module
 */
import * as http from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { creds } from "./helpers";

export interface WireOptions {
    /** Region of the credential scope (default us-east-1). */
    region?: string;
    /** Headers added before signing (e.g. x-amz-content-sha256). */
    headers?: Record<string, string>;
    /** Body sent instead of the one signed (tampering). */
    sendBody?: string | Buffer;
    /** Sign in the query string (presigned URL) instead of the Authorization header. */
    presign?: boolean;
    /** No signature at all. */
    unsigned?: boolean;
    /** Signing time (default now). */
    date?: Date;
    /** Send the body with Transfer-Encoding: chunked (no Content-Length). */
    chunked?: boolean;
    /** Headers added after signing (not signed). */
    unsignedHeaders?: Record<string, string>;
    /** HTTP method (default POST). */
    method?: string;
    /** Path (default "/") and query parameters, both signed. */
    path?: string;
    query?: Record<string, string>;
}

export interface WireResponse {
    status: number;
    body: Record<string, any>;
    headers: http.IncomingHttpHeaders;
}

/** Signs (unless told otherwise) and sends one POST; rejects on a connection error. */
export async function wireRequest(
    endpoint: string,
    target: string | undefined,
    body: string | Buffer,
    opts: WireOptions = {},
): Promise<WireResponse> {
    const url = new URL(endpoint);
    const headers: Record<string, string> = {
        host: url.host,
        "content-type": "application/x-amz-json-1.0",
        ...opts.headers,
    };
    if (target) headers["x-amz-target"] = target;
    const method = opts.method ?? "POST";
    let req = new HttpRequest({
        method,
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path: opts.path ?? "/",
        query: opts.query,
        headers,
        body,
    });
    if (!opts.unsigned) {
        const signer = new SignatureV4({
            credentials: creds,
            region: opts.region ?? "us-east-1",
            service: "voiceid",
            sha256: Sha256,
        });
        req = (
            opts.presign
                ? await signer.presign(req, { signingDate: opts.date, unhoistableHeaders: new Set(["x-amz-target"]) })
                : await signer.sign(req, { signingDate: opts.date })
        ) as HttpRequest;
    }
    const query = Object.entries(req.query ?? {})
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join("&");
    const payload = opts.sendBody ?? body;
    const sendHeaders: Record<string, string> = { ...req.headers, ...opts.unsignedHeaders };
    if (opts.chunked) delete sendHeaders["content-length"];
    else sendHeaders["content-length"] = String(Buffer.byteLength(payload));
    return new Promise((resolve, reject) => {
        const r = http.request(
            {
                host: url.hostname,
                port: Number(url.port),
                method,
                path: `${opts.path ?? "/"}${query ? `?${query}` : ""}`,
                headers: sendHeaders,
                agent: false,
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c) => chunks.push(c));
                res.on("end", () => {
                    const text = Buffer.concat(chunks).toString("utf8");
                    let parsed: Record<string, any>;
                    try {
                        parsed = JSON.parse(text);
                    } catch {
                        parsed = { raw: text };
                    }
                    resolve({ status: res.statusCode!, body: parsed, headers: res.headers });
                });
                res.on("error", reject);
            },
        );
        r.on("error", reject);
        if (opts.chunked) {
            const buf = Buffer.from(payload);
            for (let i = 0; i < buf.length; i += 64 * 1024) r.write(buf.subarray(i, i + 64 * 1024));
            r.end();
        } else r.end(payload);
    });
}

/** `{"a":{"a":...}}` nested `depth` levels around `leaf`. */
export function nested(depth: number, leaf = "1"): string {
    return '{"a":'.repeat(depth) + leaf + "}".repeat(depth);
}

/** `[[[...]]]` nested `depth` levels: the densest deep document (2 bytes a level). */
export function nestedArrays(depth: number): string {
    return "[".repeat(depth) + "]".repeat(depth);
}
