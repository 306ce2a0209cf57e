// SigV4 verification: recompute the signature of the incoming request with the secret of the
// access key it names (using the same signer the AWS SDK uses), and compare. Failures map to
// the errors AWS's JSON front end returns.
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ServiceError, missingAuth, incompleteSignature, unrecognizedClient, invalidSignature } from "./errors";

/** Hash for the signer, backed by node:crypto (much faster than a pure-JS SHA-256). */
class NodeSha256 {
  private readonly h;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.h.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    throw new Error("not supported");
  }
}

function toBuffer(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** What a verified request was signed with. */
export interface VerifiedIdentity {
  accessKeyId: string;
  region: string;
  service: string;
}

export interface VerifyOptions {
  /** access key id -> secret access key */
  credentials: Record<string, string>;
  /** Signing service name, "voiceid". */
  service: string;
  /** Allowed clock skew, AWS uses 15 minutes. */
  maxSkewMs?: number;
  now?: () => number;
}

const AUTH_RE = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/**
 * Verifies the SigV4 signature of a request. Throws a ServiceError (MissingAuthenticationToken,
 * IncompleteSignature, UnrecognizedClient, InvalidSignature) when it does not hold.
 */
export async function verifySigV4(
  req: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer },
  opts: VerifyOptions,
): Promise<VerifiedIdentity> {
  const auth = header(req.headers, "authorization");
  if (!auth) throw missingAuth();
  const m = AUTH_RE.exec(auth.trim());
  if (!m) {
    throw incompleteSignature(`Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters (AWS4-HMAC-SHA256). Authorization=${auth.split(/\s/)[0]}`);
  }
  const [, credential, signedHeadersList, signature] = m;
  const scope = credential.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request") throw incompleteSignature("Credential should be scoped to a valid region and service.");
  const [accessKeyId, scopeDate, region, service] = scope;
  const secret = opts.credentials[accessKeyId];
  if (secret === undefined) throw unrecognizedClient();
  if (service !== opts.service) {
    throw invalidSignature(`Credential should be scoped to correct service: '${opts.service}'. `);
  }

  const amzDate = header(req.headers, "x-amz-date");
  const signingDate = amzDate ? parseAmzDate(amzDate) : header(req.headers, "date") ? new Date(header(req.headers, "date")!) : undefined;
  if (!signingDate || isNaN(signingDate.getTime())) {
    throw incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const now = (opts.now ?? Date.now)();
  const skew = opts.maxSkewMs ?? 15 * 60 * 1000;
  if (Math.abs(now - signingDate.getTime()) > skew) {
    const fmt = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const direction = signingDate.getTime() < now ? "earlier" : "later";
    const bound = new Date(signingDate.getTime() < now ? now - skew : now + skew);
    throw invalidSignature(`Signature expired: ${fmt(signingDate)} is now ${direction} than ${fmt(bound)} (${fmt(new Date(now))} ${direction === "earlier" ? "-" : "+"} 15 min.)`);
  }
  if (scopeDate !== signingDate.toISOString().slice(0, 10).replace(/-/g, "")) {
    throw invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.");
  }

  const signedHeaders = signedHeadersList.split(";");
  if (!signedHeaders.includes("host")) throw invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const v = header(req.headers, name);
    if (v === undefined) throw invalidSignature(`The request signature we calculated does not match the signature you provided. Signed header '${name}' is missing.`);
    headers[name] = v;
  }
  const payloadHash = header(req.headers, "x-amz-content-sha256");
  if (payloadHash && payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== createHash("sha256").update(req.body).digest("hex")) {
    throw new ServiceError("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const url = new URL(req.path, "http://placeholder");
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const sessionToken = header(req.headers, "x-amz-security-token");
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: secret, sessionToken },
    region,
    service,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const toSign = new HttpRequest({
    method: req.method,
    protocol: "http:",
    hostname: (headers["host"] ?? "").split(":")[0],
    path: url.pathname,
    query,
    headers,
    body: req.body,
  });
  const signed = await signer.sign(toSign, { signingDate, signableHeaders: new Set(signedHeaders) });
  const expected = /Signature=([0-9a-f]+)/.exec(signed.headers["authorization"] ?? "")?.[1] ?? "";
  const expectedHeaders = /SignedHeaders=([^,\s]+)/.exec(signed.headers["authorization"] ?? "")?.[1] ?? "";
  const ok =
    expected.length === signature.length &&
    expectedHeaders === signedHeadersList &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!ok) {
    throw invalidSignature(
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  }
  return { accessKeyId, region, service };
}
