import * as assert from "assert";
import { FakeClock } from "../../../provider/shared/clock";
import { endBracket, lagTolerance, nextPollDelay, waitForTerminal } from "../../../provider/shared/waiter";
import { simulateAdaptive, simulateFixed } from "./waiterSim";

describe("shared/waiter", () => {
    it("brackets the end from stepped progress", () => {
        // 10 steps over 100 s: 20% seen at 25 s means r in [0.8, 1.2) %/s.
        const b = endBracket(0, [{ at: 25_000, status: "IN_PROGRESS", percent: 20 }])!;
        assert.ok(Math.abs(b.lo - (25_000 * 100) / 40) < 1);
        assert.ok(Math.abs(b.hi - 125_000) < 1);
        assert.strictEqual(endBracket(0, [{ at: 5, status: "SUBMITTED", percent: 0 }]), undefined);
    });

    it("backs off while nothing is known, capped", () => {
        const hist = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ at: i * 1000, status: "SUBMITTED", percent: 0 }));
        const delays = hist.map((_, i) => nextPollDelay(0, hist.slice(0, i + 1), hist[i].at));
        assert.strictEqual(delays[0], 3000);
        assert.ok(delays.every((d, i) => i === 0 || d >= delays[i - 1]));
        assert.strictEqual(delays[delays.length - 1], 15_000);
    });

    it("returns at once for a job already terminal and times out at the deadline", async () => {
        const clock = new FakeClock();
        const done = await waitForTerminal({
            describe: async () => ({ status: "X" }),
            isTerminal: (s) => s === "COMPLETED",
            anchor: 0,
            deadline: 1,
            initial: { status: "COMPLETED" },
            clock,
        });
        assert.deepStrictEqual([done.state, done.polls], ["done", 0]);
        const out = await waitForTerminal({
            describe: async () => ({ status: "IN_PROGRESS", percentComplete: 1 }),
            isTerminal: () => false,
            anchor: 0,
            deadline: 60_000,
            clock,
        });
        assert.strictEqual(out.state, "timeout");
        assert.ok(clock.now() <= 60_000);
    });

    it("a stop ends the wait at once, during a sleep or during a poll's retries", async () => {
        const cause = { kind: "cancelled" as const, detail: "test cancel" };
        // During a sleep: the real clock's sleep returns as soon as the signal aborts.
        const stop = new AbortController();
        setTimeout(() => stop.abort(cause), 50);
        const started = Date.now();
        const slept = await waitForTerminal({
            describe: async () => ({ status: "IN_PROGRESS", percentComplete: 1 }),
            isTerminal: () => false,
            anchor: started,
            deadline: started + 3_600_000,
            initial: { status: "SUBMITTED", percentComplete: 0 },
            policy: { firstDelayMs: 60_000, minDelayMs: 60_000 },
            signal: stop.signal,
        });
        assert.strictEqual(slept.state, "stopped");
        assert.strictEqual(slept.polls, 0);
        assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
        // During a poll: its retries throw once stopped; that is a stopped wait, not a failure.
        const clock = new FakeClock();
        const during = new AbortController();
        let polls = 0;
        const out = await waitForTerminal({
            describe: async () => {
                if (++polls === 3) {
                    during.abort(cause);
                    throw new Error("retries cut short");
                }
                return { status: "IN_PROGRESS", percentComplete: 10 * polls };
            },
            isTerminal: () => false,
            anchor: 0,
            deadline: 3_600_000,
            clock,
            signal: during.signal,
        });
        assert.deepStrictEqual([out.state, out.polls, out.job?.percentComplete], ["stopped", 2, 20]);
        assert.strictEqual(out.state === "stopped" && out.cause.detail, "test cancel");
        // A failing poll without a stop still fails.
        await assert.rejects(
            waitForTerminal({
                describe: async () => {
                    throw new Error("denied");
                },
                isTerminal: () => false,
                anchor: 0,
                deadline: 3_600_000,
                clock: new FakeClock(),
                signal: new AbortController().signal,
            }),
            /denied/,
        );
    });

    // The product's latency target on synthetic jobs: notice within max(1 s, 2% of the job's
    // duration) for smooth and stepped progress; Describe calls compared with a fixed 15 s poller.
    const rows: string[] = [];
    for (const steps of [0, 50, 10]) {
        for (const seconds of [10, 60, 180, 600]) {
            it(`notices a ${seconds}s job (${steps ? `${steps} steps` : "smooth"}) within tolerance`, async () => {
                const job = { durationMs: seconds * 1000 + 737, steps };
                let worstLag = 0;
                let maxCalls = 0;
                for (let seed = 1; seed <= 10; seed++) {
                    const r = await simulateAdaptive(job, seed);
                    assert.ok(r.lagMs >= 0 && r.lagMs <= r.toleranceMs, `lag ${r.lagMs} > ${r.toleranceMs}`);
                    worstLag = Math.max(worstLag, r.lagMs);
                    maxCalls = Math.max(maxCalls, r.describeCalls);
                }
                const fixed = simulateFixed(job);
                rows.push(
                    `${seconds}s ${steps || "smooth"}: adaptive <=${maxCalls} calls, lag <=${Math.round(worstLag)} ms (tolerance ${lagTolerance(job.durationMs)}); fixed 15 s: ${fixed.describeCalls} calls, lag ${fixed.lagMs} ms`,
                );
                if (seconds >= 60)
                    assert.ok(maxCalls <= fixed.describeCalls, `${maxCalls} calls > fixed ${fixed.describeCalls}`);
                else assert.ok(maxCalls <= fixed.describeCalls + 1);
            });
        }
    }
    after(() => {
        if (process.env.WAITER_REPORT) console.log(rows.join("\n"));
    });
});
