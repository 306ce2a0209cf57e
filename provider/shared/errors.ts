/**
 * Classification of AWS SDK v3 errors into what a caller should do about them.
 *
 * Decisions rest on the error name (the `__type` of AWS JSON protocols), the HTTP status in
 * `$metadata`, the SDK's own `$retryable` hint and Node network error codes, so the rules hold for
 * every service client and for connection failures that never reached a service.
 * @module
 */

/** What to do about a failed call. */
export type ErrorKind =
    /** Retry with backoff: throttling. */
    | "throttled"
    /** Retry with backoff: 5xx or a transient network/timeout failure. */
    | "transient"
    /** Wait for capacity (a free job slot) and try again. */
    | "quota"
    /** The thing addressed does not exist. */
    | "notFound"
    /** The caller is not allowed to do this. */
    | "denied"
    /** The request conflicts with current state (ClientToken reuse, domain not active...). */
    | "conflict"
    /** The request itself is wrong: retrying cannot help. */
    | "invalid"
    /** Anything else: not retried. */
    | "fatal";

const THROTTLING_NAMES = new Set([
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "BandwidthLimitExceeded",
]);
const TRANSIENT_NAMES = new Set([
    "InternalServerException",
    "InternalServerError",
    "InternalFailure",
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "TimeoutError",
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
]);
const NETWORK_CODES = new Set([
    "ECONNREFUSED",
    "ECONNRESET",
    "ECONNABORTED",
    "EPIPE",
    "ETIMEDOUT",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENETDOWN",
    "UND_ERR_SOCKET",
    "UND_ERR_CONNECT_TIMEOUT",
]);
const DENIED_NAMES = new Set([
    "AccessDeniedException",
    "AccessDenied",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "MissingAuthenticationTokenException",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "InvalidAccessKeyId",
    "Forbidden",
]);
const NOT_FOUND_NAMES = new Set(["ResourceNotFoundException", "NoSuchKey", "NoSuchBucket", "NotFound", "NoSuchEntity"]);

/** Loose shape of what the SDK throws. */
interface AwsLikeError {
    name?: string;
    code?: string;
    errno?: string;
    message?: string;
    cause?: unknown;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
    $response?: { statusCode?: number };
}

/** The HTTP status of a service error, if it had one. */
export function httpStatusOf(err: unknown): number | undefined {
    const e = err as AwsLikeError;
    return e?.$metadata?.httpStatusCode ?? e?.$response?.statusCode;
}

/** The network error code of `err` or of any error in its `cause` chain. */
function networkCode(err: unknown): string | undefined {
    let e = err as AwsLikeError | undefined;
    for (let depth = 0; e && depth < 5; depth++) {
        const code = e.code ?? e.errno;
        if (code && NETWORK_CODES.has(code)) return code;
        e = e.cause as AwsLikeError | undefined;
    }
    if (/socket hang up|ECONNREFUSED|ECONNRESET|other side closed/i.test((err as AwsLikeError)?.message ?? ""))
        return "ECONNRESET";
    return undefined;
}

/** Classifies an error thrown by an AWS SDK v3 call (or by the network under it). */
export function classifyError(err: unknown): ErrorKind {
    const e = err as AwsLikeError;
    const name = e?.name ?? "";
    const status = httpStatusOf(err);
    if (name === "ServiceQuotaExceededException" || name === "LimitExceededException") return "quota";
    if (THROTTLING_NAMES.has(name) || e?.$retryable?.throttling || status === 429) return "throttled";
    if (TRANSIENT_NAMES.has(name) || (status !== undefined && status >= 500)) return "transient";
    if (networkCode(err)) return "transient";
    if (NOT_FOUND_NAMES.has(name) || status === 404) return "notFound";
    if (DENIED_NAMES.has(name) || status === 403) return "denied";
    if (name === "ConflictException" || status === 409) return "conflict";
    if (name === "ValidationException" || name === "SerializationException" || status === 400) return "invalid";
    if (e?.$retryable) return "transient";
    return "fatal";
}

/** True for errors worth retrying with backoff (throttling, 5xx, connection failures). */
export function isRetryable(err: unknown): boolean {
    const kind = classifyError(err);
    return kind === "throttled" || kind === "transient";
}

/** `ResourceNotFoundException` of a given Voice ID resource type (BATCH_JOB, DOMAIN, FRAUDSTER...). */
export function isNotFound(err: unknown, resourceType?: string): boolean {
    if (classifyError(err) !== "notFound") return false;
    if (!resourceType) return true;
    const t = (err as { ResourceType?: string }).ResourceType;
    return t === undefined || t === resourceType;
}

/** A one-line description: `<ErrorName> (HTTP <status>): <message>`. Redact before logging. */
export function errorSummary(err: unknown): string {
    const e = err as AwsLikeError;
    if (!e || typeof e !== "object") return String(err);
    const status = httpStatusOf(err);
    const code = networkCode(err);
    const name = e.name && e.name !== "Error" ? e.name : (code ?? "Error");
    return `${name}${status ? ` (HTTP ${status})` : ""}: ${e.message ?? ""}`.trim();
}
