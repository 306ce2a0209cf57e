/**
 * Every stack kept under tests/fixtures/releases/<version>/ (one per release, deployed by that
 * release) upgraded to this package: the first preview plans only what the folder's
 * fixture.json expects (0.1.0: the update repairing its FAILED job, recorded without
 * `__provider`; a later release: nothing), and `up`, `refresh`, `up` and `destroy` work on it
 * without hand-editing state. A new release folder joins this test by existing.
 * @module
 */
import * as assert from "assert";
import { ListFraudstersCommand } from "@aws-sdk/client-voice-id";
import {
    LoadedFixture,
    loadReleaseFixture,
    readFixtureDescription,
    releaseVersions,
} from "../../support/releaseFixture";

const JOBS = /^pulumi-nodejs:dynamic\/voiceid:(FraudsterRegistrationJob|SpeakerEnrollmentJob)$/;
const VOICEID = "pulumi-nodejs:dynamic/voiceid:";
const nameOf = (r: { urn: string }) => r.urn.split("::").pop()!;

describe("stacks deployed by earlier releases", () => {
    it("there are fixtures of 0.1.0 and 0.2.0", () => {
        const versions = releaseVersions();
        for (const v of ["0.1.0", "0.2.0"])
            assert.ok(versions.includes(v), `tests/fixtures/releases/${v} is missing (${versions.join(", ")})`);
    });
});

for (const version of releaseVersions()) {
    describe(`a stack deployed by release ${version}`, function () {
        this.timeout(900_000);
        const expect = readFixtureDescription(version).upgrade;
        let fixture: LoadedFixture;
        before(async () => {
            fixture = await loadReleaseFixture(version);
        });
        after(async () => fixture && (await fixture.dispose()));

        it(`previews ${expect.previewChanges.length ? expect.previewChanges.map(([op, name]) => `${op} of ${name}`).join(", ") : "no change"}; up, refresh and destroy work`, async () => {
            const { program, stack } = fixture;
            const jobs = async () => (await program.resources()).filter((r: any) => JOBS.test(r.type));
            const before = await jobs();
            for (const name of expect.recordedWithoutProvider) {
                const broken = before.find((r: any) => nameOf(r) === name);
                assert.ok(broken, `no job ${name} in the fixture's state`);
                assert.strictEqual(
                    broken.outputs.__provider,
                    undefined,
                    `the fixture holds ${version}'s entry of ${name} without __provider`,
                );
            }

            const plain = await program.preview();
            assert.strictEqual(plain.code, 0, plain.stdout + plain.stderr);
            if (expect.recordedWithoutProvider.length) {
                // The preview says why the broken entry is updated.
                assert.match(
                    plain.stdout + plain.stderr,
                    /job \w+ was recorded without its provider .* replaced in place by an update/,
                );
            }
            const preview = await program.pulumi(["preview", "--json"]);
            assert.strictEqual(preview.code, 0, preview.stdout + preview.stderr);
            const steps: { op: string; urn: string }[] = JSON.parse(preview.stdout).steps;
            assert.deepStrictEqual(
                steps.filter((s) => s.op !== "same").map((s) => [s.op, nameOf(s)]),
                expect.previewChanges,
                preview.stdout,
            );

            const up = await program.up();
            if (expect.upFails) {
                // 0.1.0's manifest is still mistyped: the retry FAILS again, but the entry is complete now.
                assert.notStrictEqual(up.code, 0, up.stdout + up.stderr);
                assert.ok(!/code must be a string/.test(up.stdout + up.stderr), up.stdout + up.stderr);
            } else {
                assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            }
            for (const name of expect.recordedWithoutProvider) {
                const repaired = (await jobs()).find((r: any) => nameOf(r) === name && !r.delete);
                assert.ok(repaired.outputs.__provider, `state of ${name} repaired`);
                assert.notStrictEqual(
                    repaired.outputs.jobId,
                    before.find((r: any) => nameOf(r) === name).outputs.jobId,
                    `a new job ran for ${name}`,
                );
            }

            const refresh = await program.refresh();
            assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);

            // Fixing what made a job fail replaces it; the rest stays as the release made it.
            for (const [key, from] of Object.entries(expect.thenConfig)) {
                const value = await program.ok(["config", "get", from]);
                await program.ok(["config", "set", key, value.stdout.trim()]);
            }
            const fixed = await program.up();
            assert.strictEqual(fixed.code, 0, fixed.stdout + fixed.stderr);
            for (const job of await jobs())
                assert.strictEqual(job.outputs.jobStatus, "COMPLETED", `${nameOf(job)}: ${job.outputs.jobStatus}`);
            assert.strictEqual((await program.preview(["--expect-no-changes"])).code, 0);

            const outs = await program.outputs();
            const registered = await stack.voiceId.send(
                new ListFraudstersCommand({ DomainId: outs.domainId, WatchlistId: outs.watchlistId }),
            );
            assert.strictEqual(registered.FraudsterSummaries?.length, expect.fraudstersInWatchlist);
            const destroy = await program.destroy();
            assert.strictEqual(destroy.code, 0, destroy.stdout + destroy.stderr);
            assert.deepStrictEqual(await program.resources(VOICEID), []);
        });
    });
}
