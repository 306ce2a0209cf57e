import * as assert from "assert";
import { FakeClock } from "../../../provider/shared/clock";
import { backoffDelay, withRetry } from "../../../provider/shared/retry";
import { WaitStopped } from "../../../provider/shared/stop";

const throttled = () =>
    Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 429 } });

describe("shared/retry", () => {
    it("backs off exponentially with jitter, capped", () => {
        assert.strictEqual(
            backoffDelay(1, 300, 20_000, () => 0),
            150,
        );
        assert.ok(Math.abs(backoffDelay(1, 300, 20_000, () => 0.999999) - 300) < 0.001);
        assert.strictEqual(
            backoffDelay(3, 300, 20_000, () => 0),
            600,
        );
        assert.strictEqual(
            backoffDelay(20, 300, 20_000, () => 0),
            10_000,
        );
    });

    it("retries retryable errors until success", async () => {
        const clock = new FakeClock();
        let n = 0;
        const out = await withRetry(
            async () => {
                if (++n < 4) throw throttled();
                return "ok";
            },
            { clock, random: () => 0.5 },
        );
        assert.strictEqual(out, "ok");
        assert.strictEqual(n, 4);
        assert.strictEqual(clock.sleeps.length, 3);
        assert.ok(clock.sleeps[2] > clock.sleeps[0]);
    });

    it("does not retry validation errors", async () => {
        let n = 0;
        await assert.rejects(
            withRetry(
                async () => {
                    n++;
                    throw Object.assign(new Error("bad"), {
                        name: "ValidationException",
                        $metadata: { httpStatusCode: 400 },
                    });
                },
                { clock: new FakeClock() },
            ),
            /bad/,
        );
        assert.strictEqual(n, 1);
    });

    it("stops at the deadline with the last error", async () => {
        const clock = new FakeClock();
        await assert.rejects(
            withRetry(
                async () => {
                    throw throttled();
                },
                { clock, deadline: 10_000, random: () => 0.5 },
            ),
            /Rate exceeded/,
        );
        assert.ok(clock.now() <= 10_000);
    });

    it("a stop ends the backoff: no further attempt, WaitStopped carrying the cause and the last error", async () => {
        const clock = new FakeClock();
        const stop = new AbortController();
        let n = 0;
        const err = await withRetry(
            async () => {
                if (++n === 2) stop.abort({ kind: "cancelled", detail: "test cancel" });
                throw throttled();
            },
            { clock, signal: stop.signal, random: () => 0.5 },
        ).then(
            () => undefined,
            (e) => e,
        );
        assert.ok(err instanceof WaitStopped, String(err));
        assert.strictEqual(err.stopCause.detail, "test cancel");
        assert.match(String(err.lastError), /Rate exceeded/);
        assert.strictEqual(n, 2, "no attempt after the stop");
        assert.strictEqual(clock.sleeps.length, 1, "no backoff slept after the stop");
    });

    it("a real sleep ends as soon as the stop comes", async () => {
        const stop = new AbortController();
        const started = Date.now();
        setTimeout(() => stop.abort({ kind: "engineGone", detail: "test" }), 50);
        await assert.rejects(
            withRetry(
                async () => {
                    throw throttled();
                },
                { baseDelayMs: 60_000, maxDelayMs: 60_000, signal: stop.signal },
            ),
            WaitStopped,
        );
        assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    });
});
