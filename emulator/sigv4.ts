/**
 * SigV4 verification, the way AWS's front end for JSON services does it, in two steps so the
 * body is only read for requests that could be authentic:
 *   1. parseSigV4 (headers and query only): the Authorization header or the query-string form
 *      (X-Amz-Algorithm, X-Amz-Credential, ...) is well formed, names a known access key and a
 *      credential scope for this region and service, and the signing time is within 15 minutes.
 *   2. verifySigV4Signature: the signature recomputed with the key's secret over the canonical
 *      request, whose payload hash is always the SHA-256 of the body actually received (JSON
 *      services sign the body: an `x-amz-content-sha256: UNSIGNED-PAYLOAD` header is only a
 *      header, so a body changed after signing fails as InvalidSignatureException).
 * Presigned (query-string) requests are accepted like AWS's non-S3 services do: X-Amz-Expires is
 * not honoured beyond the usual 15-minute window around X-Amz-Date.
 * @module
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { missingAuth, incompleteSignature, unrecognizedClient, invalidSignature } from "./errors";

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
    /** The region the service answers for; other scopes are refused. */
    region: string;
    /** Allowed clock skew, AWS uses 15 minutes. */
    maxSkewMs?: number;
    now?: () => number;
}

/** The request as received: `path` is the raw request target (path and query). */
export interface IncomingSigned {
    method: string;
    path: string;
    headers: IncomingHttpHeaders;
}

/** A request whose authentication parameters passed every check that needs no body. */
export interface ParsedSigV4 extends VerifiedIdentity {
    secret: string;
    scope: string;
    amzDate: string;
    signedHeaders: string[];
    signature: string;
    /** Query parameters, X-Amz-Signature removed (presigned requests sign the others). */
    query: [string, string][];
    pathname: string;
    headers: Record<string, string>;
    method: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const AUTH_RE = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/;
const SIGNATURE_MISMATCH =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
}

function parseAmzDate(value: string): Date | undefined {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
    if (!m) return undefined;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    return isNaN(d.getTime()) ? undefined : d;
}

const fmt = (d: Date) =>
    d
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEncode(s: string): string {
    return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s: string): string {
    try {
        return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
        throw incompleteSignature("The request has a malformed query string.");
    }
}

function splitTarget(target: string): { pathname: string; query: [string, string][] } {
    const q = target.indexOf("?");
    const pathname = q < 0 ? target : target.slice(0, q);
    const query: [string, string][] = [];
    if (q >= 0) {
        for (const part of target.slice(q + 1).split("&")) {
            if (part === "") continue;
            const eq = part.indexOf("=");
            query.push(
                eq < 0 ? [safeDecode(part), ""] : [safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1))],
            );
        }
    }
    return { pathname: pathname || "/", query };
}

/**
 * Step 1: checks everything that does not need the body. Throws a ServiceError
 * (MissingAuthenticationToken, IncompleteSignature, UnrecognizedClient, InvalidSignature).
 */
export function parseSigV4(req: IncomingSigned, opts: VerifyOptions): ParsedSigV4 {
    const { pathname, query } = splitTarget(req.path);
    const q = new Map(query);
    const auth = header(req.headers, "authorization");
    let credential: string, signedHeadersList: string, signature: string, amzDate: string | undefined;
    let presigned = false;
    if (auth) {
        const m = AUTH_RE.exec(auth.trim());
        if (!m) {
            throw incompleteSignature(
                `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters (${ALGORITHM}). Authorization=${auth.split(/\s/)[0].slice(0, 64)}`,
            );
        }
        [, credential, signedHeadersList, signature] = m;
        amzDate = header(req.headers, "x-amz-date");
    } else if (q.has("X-Amz-Algorithm") || q.has("X-Amz-Signature") || q.has("X-Amz-Credential")) {
        presigned = true;
        const missing = [
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Signature",
            "X-Amz-SignedHeaders",
            "X-Amz-Date",
        ].filter((k) => !q.get(k));
        if (missing.length)
            throw incompleteSignature(
                `AWS query-string parameters must include ${missing.map((k) => `'${k}'`).join(", ")}. Re-examine the query-string parameters.`,
            );
        if (q.get("X-Amz-Algorithm") !== ALGORITHM)
            throw incompleteSignature(`Unsupported AWS 'algorithm': '${q.get("X-Amz-Algorithm")!.slice(0, 64)}'`);
        credential = q.get("X-Amz-Credential")!;
        signedHeadersList = q.get("X-Amz-SignedHeaders")!;
        signature = q.get("X-Amz-Signature")!;
        amzDate = q.get("X-Amz-Date");
        if (!/^[0-9a-f]+$/.test(signature)) throw incompleteSignature("The request signature must be hexadecimal.");
    } else {
        throw missingAuth();
    }

    const scopeParts = credential.split("/");
    if (scopeParts.length !== 5 || scopeParts[4] !== "aws4_request")
        throw incompleteSignature("Credential should be scoped to a valid region and service.");
    const [accessKeyId, scopeDate, region, service] = scopeParts;
    const secret = Object.prototype.hasOwnProperty.call(opts.credentials, accessKeyId)
        ? opts.credentials[accessKeyId]
        : undefined;
    if (secret === undefined) throw unrecognizedClient();
    if (region !== opts.region)
        throw invalidSignature(`Credential should be scoped to a valid region, not '${region.slice(0, 64)}'. `);
    if (service !== opts.service)
        throw invalidSignature(`Credential should be scoped to correct service: '${opts.service}'. `);

    const dateHeader = presigned ? undefined : header(req.headers, "date");
    const signingDate = amzDate !== undefined ? parseAmzDate(amzDate) : dateHeader ? new Date(dateHeader) : undefined;
    if (!signingDate || isNaN(signingDate.getTime())) {
        throw incompleteSignature(
            presigned
                ? "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""
                : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        );
    }
    const now = (opts.now ?? Date.now)();
    const skew = opts.maxSkewMs ?? 15 * 60 * 1000;
    if (Math.abs(now - signingDate.getTime()) > skew) {
        // AWS's two messages: a past date has expired, a future one is not current yet.
        const minutes = Math.round(skew / 60_000);
        if (signingDate.getTime() < now) {
            throw invalidSignature(
                `Signature expired: ${fmt(signingDate)} is now earlier than ${fmt(new Date(now - skew))} (${fmt(new Date(now))} - ${minutes} min.)`,
            );
        }
        throw invalidSignature(
            `Signature not yet current: ${fmt(signingDate)} is still later than ${fmt(new Date(now + skew))} (${fmt(new Date(now))} + ${minutes} min.)`,
        );
    }
    if (scopeDate !== fmt(signingDate).slice(0, 8)) {
        throw invalidSignature(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.",
        );
    }

    const signedHeaders = signedHeadersList.split(";");
    if (!signedHeaders.includes("host"))
        throw invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) {
        const v = header(req.headers, name);
        if (v === undefined)
            throw invalidSignature(`${SIGNATURE_MISMATCH} Signed header '${name.slice(0, 64)}' is missing.`);
        headers[name] = v;
    }
    return {
        accessKeyId,
        region,
        service,
        secret,
        scope: `${scopeDate}/${region}/${service}/aws4_request`,
        amzDate: fmt(signingDate),
        signedHeaders,
        signature,
        query: presigned ? query.filter(([k]) => k !== "X-Amz-Signature") : query,
        pathname,
        headers,
        method: req.method,
    };
}

/**
 * The canonical URI of non-S3 services: the path as received, normalized (empty, "." and ".."
 * segments resolved, RFC 3986) and URI-encoded once more.
 */
function canonicalPath(pathname: string): string {
    const segments: string[] = [];
    for (const s of pathname.split("/")) {
        if (s === "" || s === ".") continue;
        if (s === "..") segments.pop();
        else segments.push(s);
    }
    const normalized = `${pathname.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && pathname.endsWith("/") ? "/" : ""}`;
    return uriEncode(normalized).replace(/%2F/g, "/");
}

/** The SigV4 canonical request of a parsed request over `body`. */
export function canonicalRequest(p: ParsedSigV4, body: Buffer): string {
    const query = p.query
        .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
        .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join("&");
    const names = [...p.signedHeaders].sort();
    const headers = names.map((n) => `${n}:${p.headers[n].trim().replace(/\s+/g, " ")}\n`).join("");
    const payloadHash = createHash("sha256").update(body).digest("hex");
    return [p.method, canonicalPath(p.pathname), query, headers, names.join(";"), payloadHash].join("\n");
}

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** The signature a correct client computes for this request. */
export function expectedSignature(p: ParsedSigV4, body: Buffer): string {
    const stringToSign = [
        ALGORITHM,
        p.amzDate,
        p.scope,
        createHash("sha256").update(canonicalRequest(p, body), "utf8").digest("hex"),
    ].join("\n");
    const [date, region, service] = p.scope.split("/");
    const key = hmac(hmac(hmac(hmac(`AWS4${p.secret}`, date), region), service), "aws4_request");
    return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}

/** Step 2: the signature over the body received. Throws InvalidSignatureException. */
export function verifySigV4Signature(p: ParsedSigV4, body: Buffer): VerifiedIdentity {
    const expected = expectedSignature(p, body);
    const ok =
        expected.length === p.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(p.signature));
    if (!ok) throw invalidSignature(SIGNATURE_MISMATCH);
    return { accessKeyId: p.accessKeyId, region: p.region, service: p.service };
}
