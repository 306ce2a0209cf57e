/**
 * FraudsterRegistrationJob through the real Pulumi engine against the local stack: up, no-op
 * preview, a threshold change previewed as replace, refresh, import of an existing job,
 * destroy; a crash test (SIGKILL of `pulumi up` after the job started, then `up` again); and
 * the bad-input corpus rejected at preview with zero calls reaching the service.
 * @module
 */
import * as assert from "assert";
import { StartFraudsterRegistrationJobCommand } from "@aws-sdk/client-voice-id";
import { changeSummary, TestProgram } from "../../support/pulumi";
import { jobLocations, LocalStack, RegistrationSeed, startLocalStackForSuite } from "../../support/localStack";
import { BAD_CASES, badInputs } from "../../unit/jobs/corpus";

const TYPE = "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";

interface Declared {
    domainId: string;
    seed: RegistrationSeed;
    threshold?: number;
    importId?: string;
    importSeed?: RegistrationSeed;
}

function source(d: Declared): string {
    const imported = d.importId
        ? `
const adopted = new FraudsterRegistrationJob("adopted", {
    domainId: ${JSON.stringify(d.domainId)},
    dataAccessRoleArn: ${JSON.stringify(d.importSeed!.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(d.importSeed!.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(d.importSeed!.outputUri)} },
}, { import: ${JSON.stringify(d.importId)} });
export const adoptedStatus = adopted.jobStatus;
export const adoptedNew = adopted.newRegistrationCount;
`
        : "";
    return `
import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob } from "pulumi-voiceid";

const job = new FraudsterRegistrationJob("batch", {
    domainId: ${JSON.stringify(d.domainId)},
    dataAccessRoleArn: ${JSON.stringify(d.seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(d.seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(d.seed.outputUri)}, kmsKeyId: ${JSON.stringify(d.seed.kmsKeyId)} },
    registrationConfig: { fraudsterSimilarityThreshold: ${d.threshold ?? 70} },
    jobName: pulumi.secret("e2e-batch"),
});
export const jobId = job.jobId;
export const jobStatus = job.jobStatus;
export const newRegistrations = job.newRegistrationCount;
export const outputFile = job.outputFileS3Uri;
export const registrations = job.registrations;
${imported}`;
}

const speakers = (...ids: number[]) =>
    ids.map((s, i) => ({ requestId: `r${i}-s${s}`, audio: [{ speaker: s, utterance: 2 }] }));

describe("FraudsterRegistrationJob through the Pulumi engine", function () {
    this.timeout(900_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });

    it("up, no-op preview, replace preview, refresh, import, destroy", async () => {
        const domainId = await stack.createDomain("e2e-lifecycle");
        const seed = await stack.seedRegistration("e2e-life", speakers(101, 102));
        const prog = await TestProgram.create({
            name: "jobs-life",
            source: source({ domainId, seed }),
            env: stack.env,
        });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            assert.match(up.stdout, /started job [a-zA-Z0-9]{22}/, "progress lines reach the display");
            assert.ok(!up.stdout.includes("e2e-batch"), "a secret job name printed in clear");
            const outs = await prog.outputs();
            assert.strictEqual(outs.jobStatus, "COMPLETED");
            assert.strictEqual(outs.newRegistrations, 2);
            assert.match(outs.outputFile, new RegExp(`/${outs.jobId}/input-file\\.json\\.out$`));
            const [res] = await prog.resources(TYPE);
            assert.strictEqual(res.id, `${domainId}/${outs.jobId}`);
            // Secret inputs stay secret in state (and so do the outputs of the same name); no
            // absolute path anywhere in it.
            const raw = await prog.ok(["stack", "export"]);
            assert.ok(!raw.stdout.includes("e2e-batch"));
            assert.ok(!raw.stdout.includes("id#"));
            assert.ok(!raw.stdout.includes(prog.dir), "absolute path in state");
            assert.ok(Buffer.byteLength(res.inputs.__provider) < 8192);

            const noop = await prog.preview(["--expect-no-changes"]);
            assert.strictEqual(noop.code, 0, noop.stdout + noop.stderr);

            prog.writeSource(source({ domainId, seed, threshold: 85 }));
            const replace = await prog.preview();
            assert.strictEqual(replace.code, 0, replace.stdout + replace.stderr);
            assert.strictEqual(changeSummary(replace.stdout).replace, 1, replace.stdout);
            assert.match(replace.stdout, /registrationConfig/);
            prog.writeSource(source({ domainId, seed }));

            const refresh = await prog.refresh();
            assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);
            assert.strictEqual((await prog.preview(["--expect-no-changes"])).code, 0);

            // Import a job started outside Pulumi.
            const importSeed = await stack.seedRegistration("e2e-imp", speakers(103));
            const started = await stack.voiceId.send(
                new StartFraudsterRegistrationJobCommand({
                    DomainId: domainId,
                    ...jobLocations(importSeed, { kmsKey: false }),
                }),
            );
            const importId = `${domainId}/${started.Job!.JobId}`;
            await new Promise((r) => setTimeout(r, 3000));
            prog.writeSource(source({ domainId, seed, importId, importSeed }));
            const imp = await prog.up();
            assert.strictEqual(imp.code, 0, imp.stdout + imp.stderr);
            const after = await prog.outputs();
            assert.strictEqual(after.adoptedStatus, "COMPLETED");
            assert.strictEqual(after.adoptedNew, 1);
            assert.strictEqual(await stack.registrationJobCount(domainId), 2, "import must not start a job");
            assert.strictEqual((await prog.preview(["--expect-no-changes"])).code, 0);

            const fraudsters = (await stack.fraudsterIds(domainId)).length;
            const destroy = await prog.destroy();
            assert.strictEqual(destroy.code, 0, destroy.stdout + destroy.stderr);
            assert.match(destroy.stdout, /forgetting job/);
            assert.deepStrictEqual(await prog.resources(TYPE), []);
            assert.strictEqual(
                (await stack.fraudsterIds(domainId)).length,
                fraudsters,
                "default destroy keeps fraudsters",
            );
        } finally {
            await prog.dispose();
        }
    });

    it("FraudsterRegistrationJob.get reads an existing job", async () => {
        const domainId = await stack.createDomain("e2e-get");
        const seed = await stack.seedRegistration("e2e-get", speakers(121));
        const started = await stack.voiceId.send(
            new StartFraudsterRegistrationJobCommand({
                DomainId: domainId,
                ...jobLocations(seed, { kmsKey: false }),
            }),
        );
        await new Promise((r) => setTimeout(r, 3000));
        const id = `${domainId}/${started.Job!.JobId}`;
        const src = `import { FraudsterRegistrationJob } from "pulumi-voiceid";
const j = FraudsterRegistrationJob.get("existing", ${JSON.stringify(id)});
export const status = j.jobStatus;
export const input = j.inputDataConfig;
export const newRegistrations = j.newRegistrationCount;
`;
        const prog = await TestProgram.create({ name: "jobs-get", source: src, env: stack.env });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            const outs = await prog.outputs();
            assert.strictEqual(outs.status, "COMPLETED");
            assert.strictEqual(outs.input.s3Uri, seed.manifestUri);
            assert.strictEqual(outs.newRegistrations, 1);
        } finally {
            await prog.dispose();
        }
    });

    it("SIGKILL of `pulumi up` after the job started, then `up` again: one job, no duplicates", async () => {
        stack.emulator!.config.jobDurationMs = 10_000;
        const domainId = await stack.createDomain("e2e-crash");
        const seed = await stack.seedRegistration("e2e-crash", speakers(111, 112, 113));
        const prog = await TestProgram.create({
            name: "jobs-crash",
            source: source({ domainId, seed }),
            env: stack.env,
        });
        try {
            await prog.crashUp(async () => (await stack.registrationJobCount(domainId)) > 0);
            const again = await prog.up();
            assert.strictEqual(again.code, 0, again.stdout + again.stderr);
            assert.strictEqual(await stack.registrationJobCount(domainId), 1, "exactly one job");
            const outs = await prog.outputs();
            assert.strictEqual(outs.jobStatus, "COMPLETED");
            assert.strictEqual(outs.newRegistrations, 3);
            assert.strictEqual((await stack.fraudsterIds(domainId)).length, 3, "no fraudster registered twice");
            // The killed update's pending create stays recorded until cleared (docs/jobs.md);
            // afterwards the stack is clean.
            await prog.ok(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
            const clean = await prog.preview(["--expect-no-changes"]);
            assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);
            assert.strictEqual(await stack.registrationJobCount(domainId), 1, "still exactly one job");
        } finally {
            stack.emulator!.config.jobDurationMs = 0;
            await prog.dispose();
        }
    });

    it("rejects every case of the bad-input corpus at preview, with zero calls to the service", async () => {
        // The engine stops a preview at the first check failure: one preview per case.
        const prog = await TestProgram.create({ name: "jobs-bad", source: "export {}\n", env: stack.env });
        try {
            const before = stack.emulator!.stats.requests;
            const problems: string[] = [];
            for (const c of BAD_CASES) {
                const { importId, ...inputs } = badInputs(c);
                const opts = importId !== undefined ? `, { import: ${JSON.stringify(importId)} }` : "";
                // The job name is made secret the way a user keeps it out of previews: the engine
                // echoes plain input values in check failures, the provider never does.
                const { jobName, ...rest } = inputs as Record<string, unknown>;
                const args =
                    jobName === undefined
                        ? JSON.stringify(rest)
                        : `{ ...${JSON.stringify(rest)}, jobName: pulumi.secret(${JSON.stringify(jobName)}) }`;
                prog.writeSource(
                    `import * as pulumi from "@pulumi/pulumi";\nimport { FraudsterRegistrationJob } from "pulumi-voiceid";\nnew FraudsterRegistrationJob("bad", ${args} as any${opts});\n`,
                );
                const r = await prog.preview();
                const out = r.stdout + r.stderr;
                const named = out.includes(`property ${c.property} `) || out.includes(`${c.property}: `);
                if (r.code === 0 || !named || !c.rule.test(out))
                    problems.push(
                        `${c.name}: exit ${r.code}\n${out
                            .split("\n")
                            .filter((l) => /error/.test(l))
                            .join("\n")}`,
                    );
                if (out.includes("nightly-batch_1") || (c.property === "jobName" && /night ly|-nightly/.test(out)))
                    problems.push(`${c.name}: job name printed in clear`);
            }
            assert.deepStrictEqual(problems, []);
            assert.strictEqual(stack.emulator!.stats.requests, before, "a call reached the service during preview");
        } finally {
            await prog.dispose();
        }
    });
});
