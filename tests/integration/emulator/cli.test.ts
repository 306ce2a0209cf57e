/**
 * A full registration driven by the real AWS CLI (from the venv), configured only through the
 * standard endpoint environment variables, as a user of the local stack would.
 * @module
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { startLocalStackForSuite, pythonBin, type LocalStack } from "../../support/localStack";
import { TERMINAL } from "./helpers";

const execFileP = promisify(execFile);

describe("emulator: AWS CLI (aws voice-id / aws s3)", function () {
    this.timeout(180_000);
    let stack: LocalStack;
    let aws: (...args: string[]) => Promise<string>;

    startLocalStackForSuite((s) => (stack = s));
    before(async () => {
        const bin = await pythonBin();
        aws = async (...args: string[]) => {
            const { stdout } = await execFileP(path.join(bin, "aws"), [...args, "--output", "json"], {
                env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...stack.env },
                maxBuffer: 16 * 1024 * 1024,
            });
            return stdout;
        };
    });

    it("creates a domain, runs a registration job and reads the output file", async () => {
        const seed = await stack.seedRegistration("cli", [
            { requestId: "cli-1", audio: [{ speaker: 4, utterance: 1 }] },
            { requestId: "cli-2", audio: [{ speaker: 4, utterance: 2 }] },
        ]);
        const domain = JSON.parse(
            await aws(
                "voice-id",
                "create-domain",
                "--name",
                "cli-domain",
                "--server-side-encryption-configuration",
                "KmsKeyId=alias/voiceid",
            ),
        ).Domain;
        assert.match(domain.DomainId, /^[a-zA-Z0-9]{22}$/);
        const listed = JSON.parse(await aws("voice-id", "list-domains"));
        assert.ok(listed.DomainSummaries.some((d: { DomainId: string }) => d.DomainId === domain.DomainId));

        const job = JSON.parse(
            await aws(
                "voice-id",
                "start-fraudster-registration-job",
                "--domain-id",
                domain.DomainId,
                "--job-name",
                "cli-job",
                "--data-access-role-arn",
                seed.roleArn,
                "--input-data-config",
                `S3Uri=${seed.manifestUri}`,
                "--output-data-config",
                `S3Uri=${seed.outputUri},KmsKeyId=${seed.kmsKeyId}`,
                "--registration-config",
                "DuplicateRegistrationAction=SKIP,FraudsterSimilarityThreshold=80",
            ),
        ).Job;
        assert.equal(job.JobStatus, "SUBMITTED");

        let described;
        for (let i = 0; i < 100; i++) {
            described = JSON.parse(
                await aws(
                    "voice-id",
                    "describe-fraudster-registration-job",
                    "--domain-id",
                    domain.DomainId,
                    "--job-id",
                    job.JobId,
                ),
            ).Job;
            if (TERMINAL.includes(described.JobStatus)) break;
            await new Promise((r) => setTimeout(r, 200));
        }
        assert.equal(described.JobStatus, "COMPLETED");

        const out = JSON.parse(await aws("s3", "cp", `${seed.outputUri}/${job.JobId}/input-file.json.out`, "-"));
        assert.equal(out.SuccessfulRegistrations.length, 2);
        assert.equal(out.SuccessfulRegistrations[0].RegistrationStatus, "NEW_REGISTRATION");
        assert.equal(out.SuccessfulRegistrations[1].RegistrationStatus, "DUPLICATE_SKIPPED");

        const fraudsters = JSON.parse(await aws("voice-id", "list-fraudsters", "--domain-id", domain.DomainId));
        assert.equal(fraudsters.FraudsterSummaries.length, 1);

        // Service errors reach the CLI with their type (botocore validates lengths client-side).
        await assert.rejects(
            aws("voice-id", "describe-domain", "--domain-id", "Z".repeat(22)),
            /ResourceNotFoundException/,
        );
    });
});
