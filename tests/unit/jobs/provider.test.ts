import * as assert from "assert";
import * as provider from "../../../provider/jobs/provider";
import { PartialStateError } from "../../../provider/shared/partial";
import { resetStop, setHowToStop, stopWaits } from "../../../provider/shared/stop";
import { FakeVoiceId, connectionRefused, internal, throttling } from "./fakeVoiceId";
import { validInputs } from "./corpus";

function inputs(extra: Record<string, any> = {}) {
    const i: Record<string, any> = {
        ...validInputs(),
        scope: { project: "p", stack: "dev", name: "job" },
        region: "us-east-1",
        __provider: "serialized",
    };
    delete i.timeoutSeconds;
    return { ...i, ...extra };
}

async function partial(p: Promise<unknown>): Promise<PartialStateError> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof PartialStateError, `expected partial state, got ${e}`);
        return e as PartialStateError;
    }
    assert.fail("expected an error");
}

/** The comparison part of a diff result (its presentation is tested in shared/detailedDiff). */
const comparison = (d: { changes: boolean; replaces: string[]; deleteBeforeReplace?: boolean }) => ({
    changes: d.changes,
    replaces: d.replaces,
    ...(d.deleteBeforeReplace ? { deleteBeforeReplace: d.deleteBeforeReplace } : {}),
});

describe("jobs/provider (SDK mocked)", () => {
    let fake: FakeVoiceId;
    beforeEach(() => (fake = new FakeVoiceId().install()));
    afterEach(() => fake.uninstall());

    it("create starts the job, waits, and records results", async () => {
        fake.scripts = [{ durationMs: 60_000, outcome: "COMPLETED", newRegistrations: 3, duplicates: 1 }];
        const { id, outs } = await provider.create(inputs());
        const job = [...fake.jobs.values()][0];
        assert.strictEqual(id, `${job.domainId}/${job.id}`);
        assert.strictEqual(outs.jobStatus, "COMPLETED");
        assert.strictEqual(outs.newRegistrationCount, 3);
        assert.strictEqual(outs.duplicateCount, 1);
        assert.strictEqual(outs.totalRequests, 4);
        assert.strictEqual(outs.resultsStatus, "read");
        assert.strictEqual(outs.outputFileS3Uri, `s3://voiceid-output/results/${job.id}/batch-1.json.out`);
        assert.match(outs.effectiveClientToken!, /^pvid-g0-/);
        assert.ok(!("__provider" in outs));
        // Within tolerance of the end, with fewer calls than a 15 s poller (6 for 60 s).
        assert.ok(fake.clock.now() - (job.createdAt + 60_000) <= 1_200);
        assert.ok(fake.describes <= 6, `${fake.describes} describes`);
        assert.ok(fake.lines.some((l) => l.includes(`started job ${job.id}`)));
        assert.ok(!fake.lines.join("\n").includes("nightly-batch_1"), "job name must be redacted");
        assert.ok(!fake.lines.join("\n").includes("id#"), "fraudster ids must not be logged");
    });

    it("a second create with the same inputs adopts the same job (crash recovery)", async () => {
        fake.scripts = [{ durationMs: 30_000, outcome: "COMPLETED", newRegistrations: 2 }];
        const first = await provider.create(inputs({ waitForCompletion: false }));
        const again = await provider.create(inputs());
        assert.strictEqual(again.id, first.id);
        assert.strictEqual(fake.jobs.size, 1);
        assert.strictEqual(fake.fraudsters.size, 2);
        // Even long after it finished.
        fake.clock.advance(3600_000);
        const later = await provider.create(inputs());
        assert.strictEqual(later.id, first.id);
        assert.ok(fake.lines.some((l) => l.includes("adopting job")));
    });

    it("a FAILED job is recorded with its id; the next create starts a new one (generation 1)", async () => {
        fake.scripts = [
            { durationMs: 5_000, outcome: "FAILED" },
            { durationMs: 5_000, outcome: "COMPLETED", newRegistrations: 1 },
        ];
        const e = await partial(provider.create(inputs()));
        const failed = [...fake.jobs.values()][0];
        assert.strictEqual(e.id, `${failed.domainId}/${failed.id}`);
        assert.strictEqual((e.properties as any).jobStatus, "FAILED");
        assert.deepStrictEqual((e.properties as any).failureDetails, {
            statusCode: 400,
            message: "manifest not found",
        });
        assert.match(e.message, /FAILED: 400 manifest not found/);
        // The engine then diffs -> replace, and creates again with identical inputs. (The lazy
        // provider wrapper puts `__provider` into the partial state the engine records.)
        const d = await provider.diff(e.id, { ...(e.properties as any), __provider: "p" }, inputs());
        assert.deepStrictEqual(d.replaces, ["jobStatus"]);
        const next = await provider.create(inputs());
        assert.notStrictEqual(next.id, e.id);
        assert.strictEqual(next.outs.tokenGeneration, 1);
        assert.strictEqual(next.outs.jobStatus, "COMPLETED");
        // And a third run (e.g. after a crash) adopts generation 1, not a new job.
        const third = await provider.create(inputs());
        assert.strictEqual(third.id, next.id);
        assert.strictEqual(fake.jobs.size, 2);
    });

    it("a replacement whose new job FAILS is not recorded (no partial state), once per planned replacement", async () => {
        fake.scripts = [
            { durationMs: 5_000, outcome: "COMPLETED", newRegistrations: 2 },
            { durationMs: 5_000, outcome: "FAILED" },
        ];
        const old = await provider.create(inputs());
        const next = inputs({ triggers: ["v2"] });
        const d = await provider.diff(old.id, { ...old.outs, __provider: "p" }, next);
        assert.deepStrictEqual(d.replaces, ["triggers"]);
        // The planned replacement FAILS: a plain error, so the engine keeps the old job as it is.
        await assert.rejects(provider.create(next), (e: Error) => {
            assert.ok(!(e instanceof PartialStateError), "no partial state for a failed replacement");
            assert.match(
                e.message,
                /FAILED: 400 manifest not found\. The replaced job stays as it was, with everything it registered; nothing was deleted/,
            );
            return true;
        });
        // The plan is used once: a create the diffs did not plan as a replacement records a FAILED job.
        fake.scripts = [{ durationMs: 5_000, outcome: "FAILED" }];
        await partial(provider.create(inputs({ triggers: ["v3"] })));
        assert.strictEqual(fake.fraudsters.size, 2, "nothing was deleted");
    });

    it("a pinned clientToken of a FAILED job fails clearly", async () => {
        fake.scripts = [{ durationMs: 1_000, outcome: "FAILED" }];
        await partial(provider.create(inputs({ clientToken: "pinned" })));
        const e = await partial(provider.create(inputs({ clientToken: "pinned" })));
        assert.match(e.message, /clientToken "pinned" belongs to a job that already FAILED/);
    });

    it("a timeout records the running job; update resumes and collects it", async () => {
        fake.scripts = [{ durationMs: 300_000, outcome: "COMPLETED", newRegistrations: 1 }];
        const e = await partial(provider.create(inputs({ timeoutSeconds: 60 })));
        assert.strictEqual((e.properties as any).jobStatus, "IN_PROGRESS");
        assert.match(e.message, /after timeoutSeconds/);
        const d = await provider.diff(e.id, e.properties as any, inputs({ timeoutSeconds: 60 }));
        assert.deepStrictEqual(comparison(d), { changes: true, replaces: [] });
        const { outs } = await provider.update(e.id, e.properties as any, inputs({ timeoutSeconds: 3600 }));
        assert.strictEqual(outs.jobStatus, "COMPLETED");
        assert.strictEqual(outs.newRegistrationCount, 1);
        assert.strictEqual(outs.timeoutSeconds, 3600);
        assert.strictEqual(fake.jobs.size, 1);
    });

    describe("when waits are stopped (a cancellation, or the engine gone)", () => {
        afterEach(() => resetStop());
        const cancel = () => stopWaits({ kind: "cancelled", detail: "the engine asked to cancel the update" });

        it("a stopped wait records the running job; the next update resumes it, no second job", async () => {
            fake.scripts = [{ durationMs: 300_000, outcome: "COMPLETED", newRegistrations: 1 }];
            setHowToStop("one Ctrl-C stops waiting");
            // The stop comes while the job runs: after the start, during the first sleep.
            const sleep = fake.clock.sleep.bind(fake.clock);
            fake.clock.sleep = async (ms, signal) => {
                if (fake.jobs.size) cancel();
                return sleep(ms, signal);
            };
            const e = await partial(provider.create(inputs()));
            fake.clock.sleep = sleep;
            const job = [...fake.jobs.values()][0];
            assert.strictEqual(e.id, `${job.domainId}/${job.id}`);
            assert.ok(["SUBMITTED", "IN_PROGRESS"].includes((e.properties as any).jobStatus));
            assert.match(
                e.message,
                /stopped waiting for job \w+ .*the engine asked to cancel.*keeps running in Voice ID and the next `pulumi up` resumes waiting/,
            );
            assert.ok(
                fake.lines.some((l) => /waiting for job \w+: one Ctrl-C stops waiting; the job keeps running/.test(l)),
                fake.lines.join("\n"),
            );
            assert.ok(fake.clock.now() - job.createdAt < 1_000, "the wait ended at once");

            resetStop();
            const { outs } = await provider.update(e.id, e.properties as any, inputs());
            assert.strictEqual(outs.jobStatus, "COMPLETED");
            assert.strictEqual(outs.jobId, job.id);
            assert.strictEqual(fake.jobs.size, 1);
        });

        it("a stopped wait for a job slot starts no job", async () => {
            fake.maxActive = 1;
            fake.scripts = [{ durationMs: 600_000, outcome: "COMPLETED" }];
            await provider.create(inputs({ waitForCompletion: false, triggers: ["other"] }));
            cancel();
            await assert.rejects(
                provider.create(inputs()),
                /stopped waiting for a free job slot .*the engine asked to cancel.*no job was started/,
            );
            assert.strictEqual(fake.jobs.size, 1);
        });

        it("without a stop hint (no host armed) the wait prints no stop line", async () => {
            fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED" }];
            await provider.create(inputs());
            assert.ok(!fake.lines.some((l) => l.includes("stops waiting")));
        });
    });

    it("COMPLETED_WITH_ERRORS succeeds with a warning, or fails under failOnErrors", async () => {
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED_WITH_ERRORS", newRegistrations: 1, errors: 2 }];
        const ok = await provider.create(inputs());
        assert.strictEqual(ok.outs.errorCount, 2);
        assert.strictEqual(ok.outs.registrationErrors!.length, 2);
        assert.ok(fake.lines.some((l) => l.includes("warning") && l.includes("2 failed request")));
        const e = await partial(provider.create(inputs({ failOnErrors: true, triggers: ["other"] })));
        assert.match(e.message, /COMPLETED_WITH_ERRORS .* failOnErrors/);
        assert.strictEqual((e.properties as any).errorCount, 2);
        // Next up: update fails again until the inputs change or failOnErrors is unset.
        await partial(provider.update(e.id, e.properties as any, inputs({ failOnErrors: true, triggers: ["other"] })));
        const accepted = await provider.update(
            e.id,
            e.properties as any,
            inputs({ failOnErrors: false, triggers: ["other"] }),
        );
        assert.strictEqual(accepted.outs.jobStatus, "COMPLETED_WITH_ERRORS");
    });

    it("waits for a free job slot on ServiceQuotaExceeded", async () => {
        fake.maxActive = 1;
        fake.scripts = [{ durationMs: 40_000, outcome: "COMPLETED" }];
        await provider.create(inputs({ waitForCompletion: false, triggers: ["other"] }));
        const busyUntil = fake.clock.now() + 40_000;
        const { outs } = await provider.create(inputs());
        assert.strictEqual(outs.jobStatus, "COMPLETED");
        const second = [...fake.jobs.values()][1];
        assert.ok(
            second.createdAt >= busyUntil && second.createdAt - busyUntil <= 5_000,
            `slot taken ${second.createdAt - busyUntil} ms after it freed`,
        );
        assert.ok(fake.lines.some((l) => l.includes("waiting for a free slot")));
    });

    it("gives up waiting for a slot at the timeout without starting a job", async () => {
        fake.maxActive = 1;
        fake.scripts = [{ durationMs: 600_000, outcome: "COMPLETED" }];
        await provider.create(inputs({ waitForCompletion: false, triggers: ["other"] }));
        await assert.rejects(provider.create(inputs({ timeoutSeconds: 30 })), /no free job slot .* no job was started/);
        assert.strictEqual(fake.jobs.size, 1);
    });

    it("retries throttling, 5xx and connection errors", async () => {
        fake.failNext = [
            { command: "StartFraudsterRegistrationJobCommand", error: throttling, times: 3 },
            { command: "DescribeFraudsterRegistrationJobCommand", error: internal, times: 2 },
            { command: "*", error: connectionRefused, times: 2 },
            { command: "GetObjectCommand", error: throttling, times: 1 },
        ];
        const { outs } = await provider.create(inputs());
        assert.strictEqual(outs.jobStatus, "COMPLETED");
        assert.strictEqual(outs.resultsStatus, "read");
        assert.strictEqual(fake.jobs.size, 1);
    });

    it("does not retry validation errors from the service", async () => {
        fake.failNext = [
            {
                command: "StartFraudsterRegistrationJobCommand",
                error: () =>
                    Object.assign(new Error("bad role"), {
                        name: "ValidationException",
                        $metadata: { httpStatusCode: 400 },
                    }),
                times: 5,
            },
        ];
        await assert.rejects(
            provider.create(inputs()),
            /cannot start the job: ValidationException \(HTTP 400\): bad role/,
        );
        assert.strictEqual(fake.calls.StartFraudsterRegistrationJobCommand, 1);
    });

    it("warns and goes on when the output file cannot be read", async () => {
        fake.s3Denied = true;
        const { outs } = await provider.create(inputs());
        assert.strictEqual(outs.jobStatus, "COMPLETED");
        assert.strictEqual(outs.resultsStatus, "denied");
        assert.strictEqual(outs.totalRequests, 0);
        assert.ok(fake.lines.some((l) => /warning: cannot read the output file .*AccessDenied/.test(l)));
    });

    it("rejects invalid inputs in create too, before any call", async () => {
        await assert.rejects(provider.create(inputs({ domainId: "bad" })), /domainId: must be exactly 22 characters/);
        assert.deepStrictEqual(fake.calls, {});
    });

    it("read refreshes, imports, gets and drops vanished jobs", async () => {
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 2 }];
        const created = await provider.create(inputs({ waitForCompletion: false }));
        // Refresh of a job recorded while running: status and results catch up.
        fake.clock.advance(20_000);
        const refreshed = await provider.read(created.id, { ...created.outs, __provider: "x" });
        assert.strictEqual(refreshed.id, created.id);
        assert.strictEqual((refreshed.props as any).jobStatus, "COMPLETED");
        assert.strictEqual((refreshed.props as any).newRegistrationCount, 2);
        // Import with the program's inputs: they are kept, status filled in.
        const imported = await provider.read(created.id, inputs());
        assert.strictEqual((imported.props as any).registrationConfig.fraudsterSimilarityThreshold, 80);
        assert.strictEqual((await provider.diff(created.id, imported.props as any, inputs())).changes, false);
        // get(): nothing but the id; everything comes from the job.
        const got = await provider.read(created.id, { __provider: "x" });
        assert.strictEqual((got.props as any).inputDataConfig.s3Uri, "s3://voiceid-input/manifests/batch-1.json");
        assert.strictEqual((got.props as any).jobName, "nightly-batch_1");
        // Unknown job: the resource leaves the stack.
        const vanished = `${created.id.split("/")[0]}/${"Z".repeat(22)}`;
        assert.deepStrictEqual(await provider.read(vanished, { ...created.outs, jobId: "Z".repeat(22) }), {});
        await assert.rejects(provider.read("not-an-id", {}), /id must be "<domainId>\/<jobId>"/);
    });

    it("import adopts an existing job without starting one, and refuses a mismatching declaration", async () => {
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 2 }];
        const existing = await provider.create(inputs({ triggers: ["outside"], waitForCompletion: false }));
        const { id, outs } = await provider.create(inputs({ importId: existing.id }));
        assert.strictEqual(id, existing.id);
        assert.strictEqual(outs.jobStatus, "COMPLETED");
        assert.strictEqual(outs.newRegistrationCount, 2);
        assert.strictEqual(fake.jobs.size, 1);
        await assert.rejects(
            provider.create(
                inputs({ importId: existing.id, registrationConfig: { fraudsterSimilarityThreshold: 99 } }),
            ),
            /cannot import .*registrationConfig\.fraudsterSimilarityThreshold/,
        );
    });

    it("delete forgets by default; with deleteFraudstersOnDestroy deletes only new registrations", async () => {
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 3, duplicates: 2 }];
        const a = await provider.create(inputs());
        fake.fraudsters.add("id#" + "D".repeat(22)); // the pre-existing fraudster the duplicates matched
        await provider.delete(a.id, a.outs);
        assert.strictEqual(fake.fraudsters.size, 4);
        assert.ok(fake.lines.some((l) => l.includes("forgetting job") && l.includes("3 registered fraudster")));
        await provider.delete(a.id, { ...a.outs, deleteFraudstersOnDestroy: true });
        assert.deepStrictEqual([...fake.fraudsters], ["id#" + "D".repeat(22)]);
        // Idempotent: a second delete finds them gone and succeeds.
        await provider.delete(a.id, { ...a.outs, deleteFraudstersOnDestroy: true });
    });

    it("delete keeps what a later job claims, hands it over, and the later job's delete takes it", async () => {
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 2 }];
        const a = await provider.create(inputs({ deleteFraudstersOnDestroy: true }));
        const [kept, dropped] = [...fake.fraudsters];
        // The replacement runs first (create before delete) and skips one of A's voices.
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 1, skips: [kept] }];
        const b = await provider.create(
            inputs({
                deleteFraudstersOnDestroy: true,
                triggers: ["again"],
                registrationConfig: { watchlistIds: ["V".repeat(22)] },
            }),
        );
        const bNew = [...fake.fraudsters].find((f) => f !== kept && f !== dropped)!;
        await provider.delete(a.id, a.outs);
        assert.deepStrictEqual(
            [...fake.fraudsters].sort(),
            [kept, bNew].sort(),
            "A's claimed fraudster stays, its other one is deleted",
        );
        assert.ok(
            fake.lines.some((l) => l.includes("kept 1 that later job(s) found again")),
            fake.lines.join("\n"),
        );
        // It moves to B's watchlist, out of A's (the domain default).
        assert.deepStrictEqual(fake.associations, [`+${kept} ${"V".repeat(22)}`]);
        const record = [...fake.objects.entries()].find(([k]) =>
            k.includes(`/${b.outs.jobId}/pulumi-voiceid-handover/`),
        );
        assert.ok(record, "a handover record beside B's output file");
        assert.deepStrictEqual(JSON.parse(record[1]).Ids, [kept]);
        // Destroying B deletes its own fraudster and the one handed over.
        await provider.delete(b.id, b.outs);
        assert.deepStrictEqual([...fake.fraudsters], []);
    });

    it("delete refuses to guess when a later job's output file cannot be read", async () => {
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 2 }];
        const a = await provider.create(inputs({ deleteFraudstersOnDestroy: true }));
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 1 }];
        const b = await provider.create(
            inputs({ triggers: ["other"], outputDataConfig: { s3Uri: "s3://elsewhere/out" } }),
        );
        const before = [...fake.fraudsters].sort();
        const answer = (fake as any).answer.bind(fake);
        (fake as any).answer = async (command: string, input: any) => {
            if (command === "GetObjectCommand" && input.Bucket === "elsewhere")
                throw Object.assign(new Error("Access Denied"), {
                    name: "AccessDenied",
                    $metadata: { httpStatusCode: 403 },
                });
            return answer(command, input);
        };
        await assert.rejects(
            provider.delete(a.id, a.outs),
            new RegExp(
                `not deleting the fraudsters of job ${a.outs.jobId}: 1 later job\\(s\\) .*job ${b.outs.jobId}: s3://elsewhere/.*unset deleteFraudstersOnDestroy`,
            ),
        );
        assert.deepStrictEqual([...fake.fraudsters].sort(), before, "nothing deleted");
    });

    it("a re-create after its fraudsters were deleted starts a new job instead of adopting", async () => {
        fake.scripts = [{ durationMs: 10_000, outcome: "COMPLETED", newRegistrations: 2 }];
        const a = await provider.create(inputs({ deleteFraudstersOnDestroy: true }));
        await provider.delete(a.id, a.outs);
        const b = await provider.create(inputs({ deleteFraudstersOnDestroy: true }));
        assert.notStrictEqual(b.id, a.id);
        assert.strictEqual(b.outs.tokenGeneration, 1);
        assert.strictEqual(fake.fraudsters.size, 2);
    });
});
