/**
 * `pulumi-voiceid local start` replays moto's recording without the reads the jobs made, and
 * the replay still re-creates every id the recorded session made (KMS keys made after the
 * reads included), so restarts do not grow with the jobs run.
 * @module
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import { ListFraudsterRegistrationJobsCommand } from "@aws-sdk/client-voice-id";
import { readStackEnv, REPO_ROOT, startLocalStack, type LocalStack } from "../../support/localStack";
import { run, type RunResult } from "../../support/process";
import { registerAndWait } from "../emulator/helpers";

describe("local stack: moto's recording keeps what changes state (pulumi-voiceid local)", function () {
    this.timeout(600_000);
    let dir: string;
    const recording = () => path.join(dir, "moto-recording.jsonl");
    const local = (args: string[]): Promise<RunResult> =>
        run(process.execPath, [path.join(REPO_ROOT, "bin", "cli", "main.js"), "local", ...args, "--dir", dir], {
            timeoutMs: 540_000,
        });
    const attach = () => {
        const env = readStackEnv(path.join(dir, "stack.env"));
        return startLocalStack({
            attach: { motoEndpoint: env.AWS_ENDPOINT_URL_S3, voiceIdEndpoint: env.AWS_ENDPOINT_URL_VOICE_ID },
        });
    };
    const keyIds = async (stack: LocalStack) => {
        const kms = new KMSClient({
            region: stack.region,
            endpoint: stack.motoEndpoint,
            credentials: stack.credentials,
        });
        return ((await kms.send(new ListKeysCommand({}))).Keys ?? []).map((k) => k.KeyId!).sort();
    };
    const recorded = (): { method: string; url: string; body: string }[] =>
        fs
            .readFileSync(recording(), "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l))
            .map((e) => ({
                ...e,
                body: e.body_encoded ? Buffer.from(e.body, "base64").toString("utf8") : (e.body ?? ""),
            }));
    /** Recorded GETs and HEADs, but moto's own (each start's health probe is recorded). */
    const reads = () =>
        recorded().filter(
            (e) => ["GET", "HEAD"].includes(e.method) && !new URL(e.url).pathname.startsWith("/moto-api/"),
        ).length;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-recording-"));
    });
    after(async () => {
        if (dir) await local(["stop"]);
    });

    it("drops the jobs' reads at start and re-creates the same ids and objects", async () => {
        assert.equal((await local(["start"])).code, 0);
        let stack = await attach();
        const domainId = await stack.createDomain("recording");
        const seed = await stack.seedRegistration("rec", [{ requestId: "r1", audio: [{ speaker: 1, utterance: 0 }] }]);
        for (let i = 0; i < 3; i++) assert.equal((await registerAndWait(stack, domainId, seed)).JobStatus, "COMPLETED");
        const later = await stack.createKmsKey(); // made after the reads: its id depends on what the reads drew
        const keys = await keyIds(stack);
        assert.ok(keys.includes(later.keyId));
        assert.ok(reads() > 3, "the jobs' S3 reads were recorded");
        assert.equal(
            recorded().filter((e) => e.body.includes("Action=AssumeRole")).length,
            1,
            "the three jobs of one role assumed it once",
        );
        const before = fs.readFileSync(recording(), "utf8").split("\n").filter(Boolean).length;

        assert.equal((await local(["stop"])).code, 0);
        const r = await local(["start"]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /compacted the moto recording/);
        assert.equal(reads(), 0, "no S3 GET or HEAD is left in the recording");
        const after = fs.readFileSync(recording(), "utf8").split("\n").filter(Boolean).length;
        assert.ok(after < before, `${after} < ${before} lines`);

        stack = await attach();
        assert.deepEqual(await keyIds(stack), keys, "the replay made the same KMS key ids");
        const { JobSummaries } = await stack.voiceId.send(
            new ListFraudsterRegistrationJobsCommand({ DomainId: domainId }),
        );
        assert.equal(JobSummaries!.length, 3);
        for (const job of JobSummaries!)
            assert.equal((await stack.readJobOutput(seed, job.JobId!)).Version, "1.0", "the job's output file is back");
        // A job after the restart works against the replayed role, key and manifest.
        assert.equal((await registerAndWait(stack, domainId, seed)).JobStatus, "COMPLETED");
    });
});
