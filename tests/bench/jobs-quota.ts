/**
 * Benchmark: 20 FraudsterRegistrationJobs in one stack against a quota of 2 concurrent jobs per
 * domain, through `pulumi up` (target: all succeed, no error surfaces, total time
 * within 1.15x of the ideal schedule).
 *
 * Every job lasts BENCH_JOB_SECONDS (default 15 s, paced by the emulator), so the ideal schedule
 * is ceil(20 / 2) x 15 s = 150 s from the first job's start to the last job's end. Measured:
 * that makespan (CreatedAt of the first job to EndedAt of the last, from the outputs), the wall
 * time of `pulumi up`, and error lines in its output.
 *
 * Run: PATH=$(bash scripts/ensure-node.sh):$PATH node bin/tests/bench/jobs-quota.js
 * @module
 */
import { CreateDomainCommand } from "@aws-sdk/client-voice-id";
import { startLocalStack } from "../support/localStack";
import { TestProgram } from "../support/pulumi";

async function main() {
    const jobs = Number(process.env.BENCH_JOBS ?? 20);
    const quota = 2;
    const seconds = Number(process.env.BENCH_JOB_SECONDS ?? 15);
    const stack = await startLocalStack({
        jobDurationMs: seconds * 1000,
        maxConcurrentJobsPerDomain: quota,
        logLevel: "error",
    });
    let prog: TestProgram | undefined;
    try {
        const key = await stack.createKmsKey();
        const domainId = (
            await stack.voiceId.send(
                new CreateDomainCommand({
                    Name: "bench-quota",
                    ServerSideEncryptionConfiguration: { KmsKeyId: key.keyId },
                }),
            )
        ).Domain!.DomainId!;
        const seed = await stack.seedRegistration(
            "bench-quota",
            Array.from({ length: 5 }, (_, i) => ({
                requestId: `r${i}`,
                audio: [{ speaker: 950 + i, utterance: 1, seconds: 2 }],
            })),
        );
        const source = `import * as pulumi from "pulumi-voiceid";
const out: any[] = [];
for (let i = 0; i < ${jobs}; i++) {
    const j = new pulumi.FraudsterRegistrationJob("job-" + i, {
        domainId: ${JSON.stringify(domainId)},
        dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
        inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
        outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)} },
        triggers: [i],
    });
    out.push({ status: j.jobStatus, createdAt: j.createdAt, endedAt: j.endedAt });
}
export const jobs = out;
`;
        prog = await TestProgram.create({ name: "bench-quota", source, env: stack.env });
        const t = Date.now();
        const r = await prog.up();
        const wallMs = Date.now() - t;
        if (r.code !== 0) throw new Error(`up failed\n${r.stdout}\n${r.stderr}`);
        const outs = (await prog.outputs()).jobs as { status: string; createdAt: string; endedAt: string }[];
        const start = Math.min(...outs.map((o) => Date.parse(o.createdAt)));
        const end = Math.max(...outs.map((o) => Date.parse(o.endedAt)));
        const idealMs = Math.ceil(jobs / quota) * seconds * 1000;
        const makespanMs = end - start;
        const errorLines = (r.stdout + r.stderr).split("\n").filter((l) => /\berror\b/i.test(l));
        const completed = outs.filter((o) => o.status === "COMPLETED").length;
        console.log(`| metric | value | target |\n|---|---|---|`);
        console.log(`| jobs COMPLETED | ${completed} / ${jobs} | all |`);
        console.log(`| error lines in \`pulumi up\` output | ${errorLines.length} | 0 |`);
        console.log(`| makespan (first CreatedAt to last EndedAt) | ${(makespanMs / 1000).toFixed(1)} s | |`);
        console.log(`| ideal schedule (ceil(${jobs}/${quota}) x ${seconds} s) | ${idealMs / 1000} s | |`);
        console.log(`| makespan / ideal | ${(makespanMs / idealMs).toFixed(3)}x | <= 1.15x |`);
        console.log(
            `| \`pulumi up\` wall time / ideal | ${(wallMs / idealMs).toFixed(3)}x (${(wallMs / 1000).toFixed(1)} s) | |`,
        );
        console.log(
            JSON.stringify({
                bench: "jobs-quota",
                jobs,
                quota,
                seconds,
                completed,
                errorLines,
                makespanMs,
                idealMs,
                wallMs,
            }),
        );
    } finally {
        await prog?.dispose();
        await stack.stop();
    }
}

main().then(
    () => process.exit(0),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
