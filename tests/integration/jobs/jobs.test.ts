import * as assert from "assert";
import * as provider from "../../../provider/jobs/provider";
import { PartialStateError } from "../../../provider/shared/partial";
import { Harness, speakers, startHarness } from "./harness";

async function partial(p: Promise<unknown>): Promise<PartialStateError> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof PartialStateError, `expected partial state, got ${(e as Error).stack ?? e}`);
        return e as PartialStateError;
    }
    assert.fail("expected an error");
}

describe("FraudsterRegistrationJob against the local stack", function () {
    this.timeout(300_000);
    let h: Harness;
    before(async () => (h = await startHarness()));
    after(async () => h && (await h.stop()));

    it("COMPLETED: registers, reads the output file, and a re-run adopts the same job", async () => {
        const inputs = await h.seed("completed", speakers(1, 2, 3));
        const before = (await h.fraudsterIds()).length;
        const { id, outs } = await provider.create({ ...inputs, jobName: "it-completed" });
        assert.strictEqual(outs.jobStatus, "COMPLETED");
        assert.strictEqual(id, `${h.domainId}/${outs.jobId}`);
        assert.strictEqual(outs.newRegistrationCount, 3);
        assert.strictEqual(outs.totalRequests, 3);
        assert.strictEqual(outs.resultsStatus, "read");
        assert.match(outs.outputFileS3Uri!, new RegExp(`/results/${outs.jobId}/input-file\\.json\\.out$`));
        assert.strictEqual((await h.fraudsterIds()).length, before + 3);
        // Same inputs again (what a re-run after a crash does): same job, nothing registered twice.
        const again = await provider.create({ ...inputs, jobName: "it-completed" });
        assert.strictEqual(again.id, id);
        assert.strictEqual((await h.fraudsterIds()).length, before + 3);
        assert.ok(!h.lines.join("\n").includes("it-completed"), "job name leaked into logs");
        // Refresh and import read the job back.
        const refreshed = await provider.read(id, outs);
        assert.strictEqual((refreshed.props as any).jobStatus, "COMPLETED");
        const got = await provider.read(id, {});
        assert.strictEqual((got.props as any).inputDataConfig.s3Uri, inputs.inputDataConfig.s3Uri);
        assert.strictEqual((got.props as any).newRegistrationCount, 3);
        // Destroy with deleteFraudstersOnDestroy removes exactly those three.
        await provider.delete(id, { ...outs, deleteFraudstersOnDestroy: true });
        assert.strictEqual((await h.fraudsterIds()).length, before);
    });

    it("duplicates are skipped against existing fraudsters", async () => {
        const first = await h.seed("dups-a", speakers(11, 12));
        await provider.create(first);
        const second = await h.seed("dups-b", speakers(11, 13));
        const { outs } = await provider.create({ ...second, registrationConfig: { fraudsterSimilarityThreshold: 60 } });
        assert.strictEqual(outs.duplicateCount, 1);
        assert.strictEqual(outs.newRegistrationCount, 1);
    });

    it("COMPLETED_WITH_ERRORS: warns by default, fails under failOnErrors with the job recorded", async () => {
        const inputs = await h.seed("cwe", [
            ...speakers(21),
            { requestId: "bad-channel", audio: [{ speaker: 22, utterance: 1, channel: 1 }] },
        ]);
        const ok = await provider.create(inputs);
        assert.strictEqual(ok.outs.jobStatus, "COMPLETED_WITH_ERRORS");
        assert.strictEqual(ok.outs.errorCount, 1);
        assert.strictEqual(ok.outs.registrationErrors![0].requestId, "bad-channel");
        const e = await partial(provider.create({ ...inputs, failOnErrors: true, triggers: ["strict"] }));
        assert.match(e.message, /COMPLETED_WITH_ERRORS/);
        assert.strictEqual((e.properties as any).errorCount, 1);
        assert.match(e.id, new RegExp(`^${h.domainId}/`));
    });

    it("FAILED (missing manifest): recorded with its id; after fixing, the next run starts a new job", async () => {
        const inputs = await h.seed("missing", speakers(31));
        const broken = {
            ...inputs,
            inputDataConfig: { s3Uri: inputs.inputDataConfig.s3Uri.replace("input-file.json", "later.json") },
        };
        const e = await partial(provider.create(broken));
        assert.strictEqual((e.properties as any).jobStatus, "FAILED");
        assert.ok((e.properties as any).failureDetails?.message);
        // As the engine records it: the lazy provider wrapper adds `__provider` to partial state.
        const diff = await provider.diff(e.id, { ...(e.properties as any), __provider: "p" }, broken);
        assert.deepStrictEqual(diff.replaces, ["jobStatus"]);
        // Upload the manifest under the expected name, run again with identical inputs.
        const bucket = inputs.inputDataConfig.s3Uri.split("/")[2];
        await h.stack.putObject(
            bucket,
            "manifests/later.json",
            await h.stack.getObjectText(bucket, "manifests/input-file.json"),
        );
        const next = await provider.create(broken);
        assert.strictEqual(next.outs.jobStatus, "COMPLETED");
        assert.strictEqual(next.outs.tokenGeneration, 1);
        assert.notStrictEqual(next.id, e.id);
    });

    it("FAILED (bad role): recorded with failure details", async () => {
        const inputs = await h.seed("badrole", speakers(41));
        const e = await partial(
            provider.create({ ...inputs, dataAccessRoleArn: "arn:aws:iam::123456789012:role/does-not-exist" }),
        );
        assert.strictEqual((e.properties as any).jobStatus, "FAILED");
        assert.match(e.message, /FAILED/);
    });

    it("timeout records the running job; update resumes it to completion", async () => {
        h.stack.emulator!.config.jobDurationMs = 6_000;
        try {
            const inputs = await h.seed("timeout", speakers(51, 52));
            const e = await partial(provider.create({ ...inputs, timeoutSeconds: 2 }));
            assert.match(String((e.properties as any).jobStatus), /SUBMITTED|IN_PROGRESS/);
            const diff = await provider.diff(e.id, e.properties as any, { ...inputs, timeoutSeconds: 2 });
            assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
            const { outs } = await provider.update(e.id, e.properties as any, { ...inputs, timeoutSeconds: 60 });
            assert.strictEqual(outs.jobStatus, "COMPLETED");
            assert.strictEqual(outs.totalRequests, 2, JSON.stringify(outs));
        } finally {
            h.stack.emulator!.config.jobDurationMs = 0;
        }
    });

    it("waits for free job slots under the quota: all jobs succeed, no error surfaces", async () => {
        h.stack.emulator!.config.jobDurationMs = 2_000;
        h.stack.emulator!.config.maxConcurrentJobsPerDomain = 1;
        try {
            const all = await Promise.all(
                [1, 2, 3].map(async (i) => provider.create(await h.seed(`quota-${i}`, speakers(60 + i)))),
            );
            assert.deepStrictEqual(
                all.map((r) => r.outs.jobStatus),
                ["COMPLETED", "COMPLETED", "COMPLETED"],
            );
            assert.ok(h.lines.some((l) => l.includes("waiting for a free slot")));
        } finally {
            h.stack.emulator!.config.jobDurationMs = 0;
            h.stack.emulator!.config.maxConcurrentJobsPerDomain = 2;
        }
    });

    it("rides out injected throttling and 5xx without duplicating anything", async () => {
        // Two voices unlike those the earlier tests registered in this domain, so both are new
        // (voiceprint v7 scores speaker 71 at 74 against speaker 51: a near vocal tract at another pitch).
        const inputs = await h.seed("faults", speakers(73, 72));
        const jobsBefore = await h.jobCount();
        const fraudstersBefore = (await h.fraudsterIds()).length;
        const emulator = h.stack.emulator!;
        const throttledBefore = emulator.stats.errors.ThrottlingException ?? 0;
        let outs;
        try {
            // Every call is throttled until the provider has provably retried a few times, so
            // the test cannot pass without faults; then 30% throttling and 10% 5xx to the end.
            emulator.config.throttleRate = 1;
            const created = provider.create(inputs);
            const deadline = Date.now() + 60_000;
            while ((emulator.stats.errors.ThrottlingException ?? 0) < throttledBefore + 3) {
                assert.ok(Date.now() < deadline, "the provider did not retry throttled calls");
                await new Promise((r) => setTimeout(r, 50));
            }
            emulator.config.throttleRate = 0.3;
            emulator.config.faultRate = 0.1;
            ({ outs } = await created);
        } finally {
            emulator.config.throttleRate = 0;
            emulator.config.faultRate = 0;
        }
        assert.strictEqual(outs.jobStatus, "COMPLETED");
        assert.strictEqual(await h.jobCount(), jobsBefore + 1);
        assert.strictEqual((await h.fraudsterIds()).length, fraudstersBefore + 2);
    });
});
