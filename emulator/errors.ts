/**
 * Every error type of the emulator. Service errors as AWS JSON 1.0 renders them: `__type` names the error shape, HTTP status per
 * the Voice ID API reference. Both `message` and the model's `Message` member are sent: botocore and
 * the JS SDK read either, and the SDK's exception classes expose `Message` from the body.
 * @module
 */

/** An error the emulator answers with; `fields` are extra members (ResourceType, ConflictType). */
export class ServiceError extends Error {
    constructor(
        readonly type: string,
        readonly status: number,
        message: string,
        readonly fields: Record<string, string> = {},
    ) {
        super(message);
    }

    toBody(): Record<string, unknown> {
        return { __type: this.type, message: this.message, Message: this.message, ...this.fields };
    }
}

export type ResourceType = "BATCH_JOB" | "DOMAIN" | "FRAUDSTER" | "SESSION" | "SPEAKER" | "WATCHLIST";
export type ConflictType =
    | "DOMAIN_NOT_ACTIVE"
    | "CONCURRENT_CHANGES"
    | "CANNOT_DELETE_NON_EMPTY_WATCHLIST"
    | "FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST"
    | "SPEAKER_OPTED_OUT";

export const validation = (message: string) => new ServiceError("ValidationException", 400, message);
export const notFound = (resourceType: ResourceType, message: string) =>
    new ServiceError("ResourceNotFoundException", 404, message, { ResourceType: resourceType });
export const conflict = (message: string, conflictType?: ConflictType) =>
    new ServiceError("ConflictException", 409, message, conflictType ? { ConflictType: conflictType } : {});
export const quotaExceeded = (message: string) => new ServiceError("ServiceQuotaExceededException", 402, message);
export const accessDenied = (message: string) => new ServiceError("AccessDeniedException", 403, message);
export const throttling = () => new ServiceError("ThrottlingException", 429, "Rate exceeded");
export const internal = (message = "An internal error occurred. Retry the request.") =>
    new ServiceError("InternalServerException", 500, message);
export const serialization = (message: string) => new ServiceError("SerializationException", 400, message);
/** What was asked for, so a caller sees its typo or wrong service prefix. */
export const unknownOperation = (message: string) => new ServiceError("UnknownOperationException", 400, message);
/** A body over the service's size limit: HTTP 413, as AWS's front ends answer it. */
export const payloadTooLarge = (limit: number) =>
    new ServiceError("RequestEntityTooLargeException", 413, `Request body too large: the limit is ${limit} bytes`);

// Authentication failures: the shapes and statuses AWS's JSON front end uses.
export const missingAuth = () =>
    new ServiceError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
export const incompleteSignature = (message: string) => new ServiceError("IncompleteSignatureException", 400, message);
export const unrecognizedClient = () =>
    new ServiceError("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
export const invalidSignature = (message: string) => new ServiceError("InvalidSignatureException", 403, message);

// Errors inside the service, each turned into one of the answers above or into a job's output:
// whole-job failures (FailureDetails), per-request problems (the output file's Errors), and the
// parse failures the protocol layer maps to SerializationException or ValidationException.

/** A whole-job failure: becomes the job's FailureDetails. */
export class JobFailure extends Error {
    constructor(
        readonly statusCode: number,
        message: string,
    ) {
        super(message);
    }
}

/** A per-request problem: goes to the output file's Errors (or, for sessions, a ValidationException). */
export class RequestError extends Error {
    constructor(
        readonly code: number,
        message: string,
    ) {
        super(message);
    }
}

/** Why a document was refused: not JSON, or nested too deep. */
export class JsonError extends Error {
    constructor(
        message: string,
        readonly reason: "syntax" | "depth",
    ) {
        super(message);
    }
}

/** Why a file is not usable audio; the message goes to the job's output file. */
export class WavError extends Error {}

/** A JSON value that does not match the shape's type (AWS answers SerializationException). */
export class SerializationError extends Error {}
