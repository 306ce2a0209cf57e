/**
 * A database written by release 0.1 (no job kinds, job results naming fraudsters only) keeps
 * working: the emulator migrates it in place on start, its finished jobs stay describable, and
 * a registration job that was in progress resumes where it stopped.
 * @module
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import "../../../emulator/quietSqlite";
import { DatabaseSync } from "node:sqlite";
import {
    DescribeFraudsterRegistrationJobCommand,
    ListFraudsterRegistrationJobsCommand,
    ListFraudstersCommand,
    ListSpeakerEnrollmentJobsCommand,
} from "@aws-sdk/client-voice-id";
import { computeVoiceprint, parseWav } from "../../../emulator/index";
import { encodeSearchFeatures } from "../../../emulator/voice/voiceprint";
import { utteranceWav } from "../../support/audio";
import { jobLocations, startLocalStackForSuite, type LocalStack } from "../../support/localStack";
import { repoRoot } from "../../support/repo";
import { registerAndWait, waitForJob } from "./helpers";

/**
 * The schema release 0.1's emulator wrote, read from the database that release left in its
 * fixture (tests/fixtures/releases/0.1.0/voiceid.db): tables, then their indexes, in order.
 */
function schemaOfRelease01(): string {
    const fixture = new DatabaseSync(path.join(repoRoot, "tests", "fixtures", "releases", "0.1.0", "voiceid.db"), {
        readOnly: true,
    });
    try {
        const rows = fixture.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").all() as {
            sql: string;
        }[];
        return rows.map((r) => `${r.sql};`).join("\n");
    } finally {
        fixture.close();
    }
}

const DOMAIN = "D".repeat(21) + "1";
const WATCHLIST = "W".repeat(21) + "1";
const DONE_JOB = "J".repeat(21) + "1";
const RUNNING_JOB = "J".repeat(21) + "2";
const OLD_FRAUDSTER = "id#" + "F".repeat(21) + "1";
const RESUMED_FRAUDSTER = "id#" + "F".repeat(21) + "2";

const voiceprintOf = (speaker: number, utterance: number) =>
    JSON.stringify(computeVoiceprint([parseWav(utteranceWav(speaker, utterance, { seconds: 4 })).channel(0)]));

describe("emulator: databases of release 0.1 are migrated in place", function () {
    this.timeout(120_000);
    let stack: LocalStack;
    let dir: string;

    startLocalStackForSuite((s) => (stack = s));
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-migration-"));
    });
    after(() => {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("keeps finished jobs and fraudsters, resumes an unfinished registration job exactly once", async () => {
        const speakers = [0, 1, 2, 3];
        const seed = await stack.seedRegistration(
            "migration",
            speakers.map((s) => ({ requestId: `spk-${s}`, audio: [{ speaker: s, utterance: 1 }] })),
        );
        const manifest = JSON.parse(await stack.getObjectText(seed.inputBucket, "manifests/input-file.json"));
        const request = (name: string) =>
            JSON.stringify({
                ...jobLocations(seed),
                RegistrationConfig: {
                    DuplicateRegistrationAction: "SKIP",
                    FraudsterSimilarityThreshold: 70,
                    WatchlistIds: [WATCHLIST],
                },
                JobName: name,
            });

        // What release 0.1 left behind: a finished job, and one killed after its first request.
        const file = path.join(dir, "voiceid.db");
        const db = new DatabaseSync(file);
        db.exec("PRAGMA journal_mode = WAL;");
        db.exec(schemaOfRelease01());
        const t = Date.now() - 60_000;
        db.prepare("INSERT INTO domains VALUES (?, ?, 'old', NULL, 'alias/old', NULL, 'ACTIVE', ?, ?, ?, NULL)").run(
            DOMAIN,
            `arn:aws:voiceid:us-east-1:123456789012:domain/${DOMAIN}`,
            WATCHLIST,
            t,
            t,
        );
        db.prepare("INSERT INTO watchlists VALUES (?, ?, 'Default', 'Default watchlist', 1, ?, ?)").run(
            WATCHLIST,
            DOMAIN,
            t,
            t,
        );
        db.prepare("INSERT INTO jobs VALUES (?, ?, 'finished', 'COMPLETED', ?, '[]', 100, NULL, NULL, ?, ?, ?)").run(
            DONE_JOB,
            DOMAIN,
            request("finished"),
            t,
            t,
            t + 1000,
        );
        db.prepare("INSERT INTO fraudsters VALUES (?, ?, ?, ?, ?)").run(
            OLD_FRAUDSTER,
            DOMAIN,
            voiceprintOf(7, 1),
            t + 500,
            DONE_JOB,
        );
        db.prepare("INSERT INTO fraudster_watchlists VALUES (?, ?)").run(OLD_FRAUDSTER, WATCHLIST);
        db.prepare("INSERT INTO job_requests VALUES (?, 0, 'old-0', 'NEW_REGISTRATION', ?, 0, NULL, NULL)").run(
            DONE_JOB,
            OLD_FRAUDSTER,
        );
        db.prepare("INSERT INTO jobs VALUES (?, ?, 'killed', 'IN_PROGRESS', ?, ?, 25, NULL, NULL, ?, ?, NULL)").run(
            RUNNING_JOB,
            DOMAIN,
            request("killed"),
            JSON.stringify(manifest.FraudsterRegistrationRequests),
            t + 2000,
            t + 2000,
        );
        db.prepare("INSERT INTO fraudsters VALUES (?, ?, ?, ?, ?)").run(
            RESUMED_FRAUDSTER,
            DOMAIN,
            voiceprintOf(0, 1),
            t + 2500,
            RUNNING_JOB,
        );
        db.prepare("INSERT INTO fraudster_watchlists VALUES (?, ?)").run(RESUMED_FRAUDSTER, WATCHLIST);
        db.prepare("INSERT INTO job_requests VALUES (?, 0, 'spk-0', 'NEW_REGISTRATION', ?, 0, NULL, NULL)").run(
            RUNNING_JOB,
            RESUMED_FRAUDSTER,
        );
        db.close();

        await stack.restartEmulator({ dbPath: file });
        const finished = (
            await stack.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: DOMAIN, JobId: DONE_JOB }))
        ).Job!;
        assert.equal(finished.JobStatus, "COMPLETED");
        assert.equal(finished.JobName, "finished");
        assert.deepEqual(finished.RegistrationConfig!.WatchlistIds, [WATCHLIST]);

        const resumed = await waitForJob(stack.voiceId, DOMAIN, RUNNING_JOB);
        assert.equal(resumed.JobStatus, "COMPLETED", JSON.stringify(resumed.FailureDetails));
        const out = await stack.readJobOutput(seed, RUNNING_JOB);
        assert.deepEqual(out.Errors, []);
        assert.equal(
            out.SuccessfulRegistrations[0].GeneratedFraudsterId,
            RESUMED_FRAUDSTER,
            "the request done before the kill is not redone",
        );
        assert.deepEqual(
            out.SuccessfulRegistrations.map((r: { RegistrationStatus: string }) => r.RegistrationStatus),
            speakers.map(() => "NEW_REGISTRATION"),
        );
        const { FraudsterSummaries } = await stack.voiceId.send(new ListFraudstersCommand({ DomainId: DOMAIN }));
        assert.equal(
            FraudsterSummaries!.length,
            1 + speakers.length,
            "the old fraudster plus one per request, none twice",
        );

        // Both old jobs are registration jobs; the new kinds work on the migrated database.
        const listed = await stack.voiceId.send(new ListFraudsterRegistrationJobsCommand({ DomainId: DOMAIN }));
        assert.deepEqual(
            listed.JobSummaries!.map((j) => j.JobId),
            [DONE_JOB, RUNNING_JOB],
        );
        assert.deepEqual(
            (await stack.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: DOMAIN }))).JobSummaries,
            [],
        );

        // Starting again on the migrated file changes nothing (the migration runs once).
        await stack.restartEmulator({ dbPath: file });
        const again = (
            await stack.voiceId.send(
                new DescribeFraudsterRegistrationJobCommand({ DomainId: DOMAIN, JobId: RUNNING_JOB }),
            )
        ).Job!;
        assert.equal(again.JobStatus, "COMPLETED");
        const nextDone = await registerAndWait(stack, DOMAIN, seed);
        assert.equal(nextDone.JobStatus, "COMPLETED");
        await stack.restartEmulator({ dbPath: ":memory:" });

        const check = new DatabaseSync(file);
        const kinds = check.prepare("SELECT kind, COUNT(*) AS n FROM jobs GROUP BY kind").all();
        // The list indexes of 0.1 (created_at, id) are replaced by ones that serve (created_at, rowid).
        const indexes = (
            check
                .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
                .all() as { name: string }[]
        ).map((i) => i.name);
        const plan = (
            check
                .prepare(
                    "EXPLAIN QUERY PLAN SELECT * FROM fraudsters WHERE domain_id = ? ORDER BY created_at, rowid LIMIT 10",
                )
                .all("x") as { detail: string }[]
        ).map((p) => p.detail);
        // 0.1 stored no search features: filled from the stored voiceprints (the search reads only these).
        const features = check
            .prepare("SELECT voiceprint, search_features FROM fraudsters WHERE domain_id = ?")
            .all(DOMAIN) as { voiceprint: string; search_features: Uint8Array | null }[];
        check.close();
        assert.equal(features.length, 1 + speakers.length);
        for (const f of features)
            assert.deepEqual(
                Buffer.from(f.search_features!),
                Buffer.from(encodeSearchFeatures(JSON.parse(f.voiceprint))),
            );
        assert.ok(features.every((f) => f.search_features!.length > 0));
        assert.deepEqual(
            kinds.map((k) => ({ ...k })),
            [{ kind: "FRAUDSTER_REGISTRATION", n: 3 }],
        );
        assert.deepEqual(
            indexes.filter((i) => /_(domain|listed)$/.test(i)),
            ["fraudsters_listed", "jobs_listed", "speakers_listed", "watchlists_listed"],
        );
        assert.deepEqual(
            plan,
            ["SEARCH fraudsters USING INDEX fraudsters_listed (domain_id=?)"],
            "a page is read from the index, not sorted",
        );
    });
});
