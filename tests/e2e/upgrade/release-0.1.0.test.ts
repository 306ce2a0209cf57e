/**
 * A stack deployed by release 0.1.0 (tests/fixtures/releases/0.1.0) upgraded to this package:
 * the preview plans nothing but the retry of its FAILED job (recorded by 0.1.0 without
 * `__provider`), and `up`, `refresh` and `destroy` work on it; the FAILED entry recovers on
 * the first `up` without hand-editing state.
 */
import * as assert from "assert";
import { ListFraudstersCommand } from "@aws-sdk/client-voice-id";
import { LoadedFixture, loadReleaseFixture } from "../../support/releaseFixture";

const JOB = "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";

describe("a stack deployed by release 0.1.0", function () {
    this.timeout(900_000);
    let fixture: LoadedFixture;
    before(async () => {
        fixture = await loadReleaseFixture("0.1.0");
    });
    after(async () => fixture && (await fixture.dispose()));

    it("previews no change but the FAILED job's retry, then recovers on up; refresh and destroy work", async () => {
        const { program, stack } = fixture;
        const state = await program.resources(JOB);
        const broken = state.find((r: any) => r.urn.endsWith("::failed"));
        assert.strictEqual(broken.outputs.jobStatus, "FAILED");
        assert.strictEqual(broken.outputs.__provider, undefined, "the fixture holds 0.1.0's broken entry");

        // The preview says why the broken entry is updated.
        const plain = await program.preview();
        assert.strictEqual(plain.code, 0, plain.stdout + plain.stderr);
        assert.match(plain.stdout + plain.stderr, /job \w+ was recorded without its provider .* replaced in place by an update/);
        const preview = await program.pulumi(["preview", "--json"]);
        assert.strictEqual(preview.code, 0, preview.stdout + preview.stderr);
        const steps: { op: string; urn: string }[] = JSON.parse(preview.stdout).steps;
        const changes = steps.filter((s) => s.op !== "same");
        assert.deepStrictEqual(changes.map((s) => [s.op, s.urn.split("::").pop()]), [["update", "failed"]], preview.stdout);

        // The manifest is still mistyped: the retry FAILS again, but the entry is complete now.
        const retry = await program.up();
        assert.notStrictEqual(retry.code, 0);
        assert.ok(!/code must be a string/.test(retry.stdout + retry.stderr), retry.stdout + retry.stderr);
        const repaired = (await program.resources(JOB)).find((r: any) => r.urn.endsWith("::failed") && !r.delete);
        assert.strictEqual(repaired.outputs.jobStatus, "FAILED");
        assert.ok(repaired.outputs.__provider, "state repaired");
        assert.notStrictEqual(repaired.outputs.jobId, broken.outputs.jobId, "a new job ran");

        const refresh = await program.refresh();
        assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);

        // Fixing the manifest replaces the FAILED job; the rest stays as 0.1.0 made it.
        const config = await program.ok(["config", "get", "manifestUri"]);
        await program.ok(["config", "set", "failedManifestUri", config.stdout.trim()]);
        const fixed = await program.up();
        assert.strictEqual(fixed.code, 0, fixed.stdout + fixed.stderr);
        assert.strictEqual((await program.outputs()).failedStatus, "COMPLETED");
        assert.strictEqual((await program.preview(["--expect-no-changes"])).code, 0);

        const outs = await program.outputs();
        const registered = await stack.voiceId.send(new ListFraudstersCommand({ DomainId: outs.domainId, WatchlistId: outs.watchlistId }));
        assert.strictEqual(registered.FraudsterSummaries?.length, 2);
        const destroy = await program.destroy();
        assert.strictEqual(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepStrictEqual(await program.resources("pulumi-nodejs:dynamic/voiceid:"), []);
    });
});
