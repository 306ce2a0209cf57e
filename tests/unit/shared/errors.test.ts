import * as assert from "assert";
import { classifyError, errorSummary, isNotFound, isRetryable } from "../../../provider/shared/errors";

function awsError(name: string, status?: number, extra: Record<string, unknown> = {}) {
    return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });
}

describe("shared/errors", () => {
    it("classifies service errors by name and status", () => {
        assert.strictEqual(classifyError(awsError("ThrottlingException", 429)), "throttled");
        assert.strictEqual(classifyError(awsError("Whatever", 429)), "throttled");
        assert.strictEqual(classifyError(awsError("InternalServerException", 500)), "transient");
        assert.strictEqual(classifyError(awsError("Unknown", 503)), "transient");
        assert.strictEqual(classifyError(awsError("ServiceQuotaExceededException", 402)), "quota");
        assert.strictEqual(classifyError(awsError("ResourceNotFoundException", 404)), "notFound");
        assert.strictEqual(classifyError(awsError("AccessDenied", 403)), "denied");
        assert.strictEqual(classifyError(awsError("ConflictException", 409)), "conflict");
        assert.strictEqual(classifyError(awsError("ValidationException", 400)), "invalid");
        assert.strictEqual(classifyError(new Error("boom")), "fatal");
    });

    it("treats connection failures as transient, also inside `cause`", () => {
        assert.ok(isRetryable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })));
        assert.ok(
            isRetryable(
                Object.assign(new Error("fetch failed"), {
                    cause: Object.assign(new Error("x"), { code: "ECONNRESET" }),
                }),
            ),
        );
        assert.ok(isRetryable(new Error("socket hang up")));
        assert.ok(isRetryable(Object.assign(new Error("x"), { $retryable: {} })));
        assert.ok(!isRetryable(awsError("ValidationException", 400)));
    });

    it("matches not-found by resource type", () => {
        const e = awsError("ResourceNotFoundException", 404, { ResourceType: "BATCH_JOB" });
        assert.ok(isNotFound(e, "BATCH_JOB"));
        assert.ok(!isNotFound(e, "DOMAIN"));
        assert.ok(isNotFound(e));
    });

    it("summarises errors in one line", () => {
        assert.strictEqual(
            errorSummary(awsError("ThrottlingException", 429)),
            "ThrottlingException (HTTP 429): ThrottlingException happened",
        );
    });
});
