// A database written by release 0.1 (no job kinds, job results naming fraudsters only) keeps
// working: the emulator migrates it in place on start, its finished jobs stay describable, and
// a registration job that was in progress resumes where it stopped.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import "../../../emulator/quiet-sqlite";
import { DatabaseSync } from "node:sqlite";
import {
  DescribeFraudsterRegistrationJobCommand,
  ListFraudsterRegistrationJobsCommand,
  ListFraudstersCommand,
  ListSpeakerEnrollmentJobsCommand,
  StartFraudsterRegistrationJobCommand,
} from "@aws-sdk/client-voice-id";
import { computeVoiceprint, parseWav } from "../../../emulator/index";
import { utteranceWav } from "../../support/audio";
import { startLocalStack, type LocalStack } from "../../support/localStack";
import { waitForJob } from "./helpers";

/** The schema of release 0.1's emulator/store.ts, verbatim. */
const SCHEMA_0_1 = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS domains (
  id TEXT PRIMARY KEY, arn TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
  kms_key_id TEXT NOT NULL, old_kms_key_id TEXT, status TEXT NOT NULL,
  default_watchlist_id TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  deleted_at INTEGER);
CREATE TABLE IF NOT EXISTS watchlists (
  id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
  is_default INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS watchlists_domain ON watchlists (domain_id, created_at, id);
CREATE TABLE IF NOT EXISTS fraudsters (
  id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, voiceprint TEXT NOT NULL,
  created_at INTEGER NOT NULL, job_id TEXT);
CREATE INDEX IF NOT EXISTS fraudsters_domain ON fraudsters (domain_id, created_at, id);
CREATE TABLE IF NOT EXISTS fraudster_watchlists (
  fraudster_id TEXT NOT NULL, watchlist_id TEXT NOT NULL, PRIMARY KEY (fraudster_id, watchlist_id));
CREATE INDEX IF NOT EXISTS fw_watchlist ON fraudster_watchlists (watchlist_id);
CREATE TABLE IF NOT EXISTS tags (
  resource_arn TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (resource_arn, key));
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, name TEXT, status TEXT NOT NULL,
  request TEXT NOT NULL, manifest TEXT, percent INTEGER NOT NULL DEFAULT 0,
  failure_code INTEGER, failure_message TEXT, created_at INTEGER NOT NULL,
  started_at INTEGER, ended_at INTEGER);
CREATE INDEX IF NOT EXISTS jobs_domain ON jobs (domain_id, created_at, id);
CREATE TABLE IF NOT EXISTS job_requests (
  job_id TEXT NOT NULL, idx INTEGER NOT NULL, request_id TEXT NOT NULL, outcome TEXT NOT NULL,
  fraudster_id TEXT, score INTEGER, error_code INTEGER, error_message TEXT,
  PRIMARY KEY (job_id, idx));
CREATE TABLE IF NOT EXISTS idempotency (
  operation TEXT NOT NULL, token TEXT NOT NULL, request_hash TEXT NOT NULL,
  resource_id TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (operation, token));
`;

const DOMAIN = "D".repeat(21) + "1";
const WATCHLIST = "W".repeat(21) + "1";
const DONE_JOB = "J".repeat(21) + "1";
const RUNNING_JOB = "J".repeat(21) + "2";
const OLD_FRAUDSTER = "id#" + "F".repeat(21) + "1";
const RESUMED_FRAUDSTER = "id#" + "F".repeat(21) + "2";

const voiceprintOf = (speaker: number, utterance: number) => JSON.stringify(computeVoiceprint([parseWav(utteranceWav(speaker, utterance, { seconds: 4 })).channel(0)]));

describe("emulator: databases of release 0.1 are migrated in place", function () {
  this.timeout(120_000);
  let stack: LocalStack;
  let dir: string;

  before(async () => {
    stack = await startLocalStack();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-migration-"));
  });
  after(async () => {
    await stack?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps finished jobs and fraudsters, resumes an unfinished registration job exactly once", async () => {
    const speakers = [0, 1, 2, 3];
    const seed = await stack.seedRegistration("migration", speakers.map((s) => ({ requestId: `spk-${s}`, audio: [{ speaker: s, utterance: 1 }] })));
    const manifest = JSON.parse(await stack.getObjectText(seed.inputBucket, "manifests/input-file.json"));
    const request = (name: string) =>
      JSON.stringify({
        DataAccessRoleArn: seed.roleArn,
        InputDataConfig: { S3Uri: seed.manifestUri },
        OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: seed.kmsKeyId },
        RegistrationConfig: { DuplicateRegistrationAction: "SKIP", FraudsterSimilarityThreshold: 70, WatchlistIds: [WATCHLIST] },
        JobName: name,
      });

    // What release 0.1 left behind: a finished job, and one killed after its first request.
    const file = path.join(dir, "voiceid.db");
    const db = new DatabaseSync(file);
    db.exec("PRAGMA journal_mode = WAL;");
    db.exec(SCHEMA_0_1);
    const t = Date.now() - 60_000;
    db.prepare("INSERT INTO domains VALUES (?, ?, 'old', NULL, 'alias/old', NULL, 'ACTIVE', ?, ?, ?, NULL)").run(DOMAIN, `arn:aws:voiceid:us-east-1:123456789012:domain/${DOMAIN}`, WATCHLIST, t, t);
    db.prepare("INSERT INTO watchlists VALUES (?, ?, 'Default', 'Default watchlist', 1, ?, ?)").run(WATCHLIST, DOMAIN, t, t);
    db.prepare("INSERT INTO jobs VALUES (?, ?, 'finished', 'COMPLETED', ?, '[]', 100, NULL, NULL, ?, ?, ?)").run(DONE_JOB, DOMAIN, request("finished"), t, t, t + 1000);
    db.prepare("INSERT INTO fraudsters VALUES (?, ?, ?, ?, ?)").run(OLD_FRAUDSTER, DOMAIN, voiceprintOf(7, 1), t + 500, DONE_JOB);
    db.prepare("INSERT INTO fraudster_watchlists VALUES (?, ?)").run(OLD_FRAUDSTER, WATCHLIST);
    db.prepare("INSERT INTO job_requests VALUES (?, 0, 'old-0', 'NEW_REGISTRATION', ?, 0, NULL, NULL)").run(DONE_JOB, OLD_FRAUDSTER);
    db.prepare("INSERT INTO jobs VALUES (?, ?, 'killed', 'IN_PROGRESS', ?, ?, 25, NULL, NULL, ?, ?, NULL)").run(
      RUNNING_JOB,
      DOMAIN,
      request("killed"),
      JSON.stringify(manifest.FraudsterRegistrationRequests),
      t + 2000,
      t + 2000,
    );
    db.prepare("INSERT INTO fraudsters VALUES (?, ?, ?, ?, ?)").run(RESUMED_FRAUDSTER, DOMAIN, voiceprintOf(0, 1), t + 2500, RUNNING_JOB);
    db.prepare("INSERT INTO fraudster_watchlists VALUES (?, ?)").run(RESUMED_FRAUDSTER, WATCHLIST);
    db.prepare("INSERT INTO job_requests VALUES (?, 0, 'spk-0', 'NEW_REGISTRATION', ?, 0, NULL, NULL)").run(RUNNING_JOB, RESUMED_FRAUDSTER);
    db.close();

    await stack.restartEmulator({ dbPath: file });
    const finished = (await stack.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: DOMAIN, JobId: DONE_JOB }))).Job!;
    assert.equal(finished.JobStatus, "COMPLETED");
    assert.equal(finished.JobName, "finished");
    assert.deepEqual(finished.RegistrationConfig!.WatchlistIds, [WATCHLIST]);

    const resumed = await waitForJob(stack.voiceId, DOMAIN, RUNNING_JOB);
    assert.equal(resumed.JobStatus, "COMPLETED", JSON.stringify(resumed.FailureDetails));
    const out = JSON.parse(await stack.getObjectText(seed.outputBucket, `results/${RUNNING_JOB}/input-file.json.out`));
    assert.deepEqual(out.Errors, []);
    assert.equal(out.SuccessfulRegistrations[0].GeneratedFraudsterId, RESUMED_FRAUDSTER, "the request done before the kill is not redone");
    assert.deepEqual(out.SuccessfulRegistrations.map((r: { RegistrationStatus: string }) => r.RegistrationStatus), speakers.map(() => "NEW_REGISTRATION"));
    const { FraudsterSummaries } = await stack.voiceId.send(new ListFraudstersCommand({ DomainId: DOMAIN }));
    assert.equal(FraudsterSummaries!.length, 1 + speakers.length, "the old fraudster plus one per request, none twice");

    // Both old jobs are registration jobs; the new kinds work on the migrated database.
    const listed = await stack.voiceId.send(new ListFraudsterRegistrationJobsCommand({ DomainId: DOMAIN }));
    assert.deepEqual(listed.JobSummaries!.map((j) => j.JobId), [DONE_JOB, RUNNING_JOB]);
    assert.deepEqual((await stack.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: DOMAIN }))).JobSummaries, []);

    // Starting again on the migrated file changes nothing (the migration runs once).
    await stack.restartEmulator({ dbPath: file });
    const again = (await stack.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: DOMAIN, JobId: RUNNING_JOB }))).Job!;
    assert.equal(again.JobStatus, "COMPLETED");
    const next = await stack.voiceId.send(
      new StartFraudsterRegistrationJobCommand({
        DomainId: DOMAIN,
        DataAccessRoleArn: seed.roleArn,
        InputDataConfig: { S3Uri: seed.manifestUri },
        OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: seed.kmsKeyId },
      }),
    );
    const nextDone = await waitForJob(stack.voiceId, DOMAIN, next.Job!.JobId!);
    assert.equal(nextDone.JobStatus, "COMPLETED");
    await stack.restartEmulator({ dbPath: ":memory:" });

    const check = new DatabaseSync(file);
    const kinds = check.prepare("SELECT kind, COUNT(*) AS n FROM jobs GROUP BY kind").all();
    check.close();
    assert.deepEqual(kinds.map((k) => ({ ...k })), [{ kind: "FRAUDSTER_REGISTRATION", n: 3 }]);
  });
});
