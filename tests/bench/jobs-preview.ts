/**
 * Benchmark: `pulumi preview` of 50 FraudsterRegistrationJobs against 50 no-op dynamic
 * resources, measured in the same run, alternating (target: within 1.2x).
 *
 * Two shapes: a fresh stack (every resource previewed as a create: `check` runs) and a no-op
 * preview after `pulumi up` (`check` + `diff` run; the common PR preview). Median of
 * BENCH_RUNS (default 3) runs each.
 *
 * Run: PATH=$(bash scripts/ensure-node.sh):$PATH node bin/tests/bench/jobs-preview.js
 * @module
 */
import { CreateDomainCommand } from "@aws-sdk/client-voice-id";
import { startLocalStack } from "../support/localStack";
import { TestProgram } from "../support/pulumi";

const N = 50;

/** The output keys a FraudsterRegistrationJob declares (provider/jobs/resource.ts). */
const JOB_OUTPUT_NAMES = [
    "jobId",
    "jobStatus",
    "createdAt",
    "endedAt",
    "percentComplete",
    "failureDetails",
    "outputFileS3Uri",
    "registrations",
    "registrationErrors",
    "totalRequests",
    "newRegistrationCount",
    "duplicateCount",
    "errorCount",
    "resultsTruncated",
    "resultsStatus",
    "effectiveClientToken",
    "tokenGeneration",
];

/** The 50 jobs as dynamic resources (also the baseline of `native-preview`). */
export function jobsSource(
    domainId: string,
    seed: { roleArn: string; manifestUri: string; outputUri: string },
): string {
    return `import { FraudsterRegistrationJob } from "pulumi-voiceid";
for (let i = 0; i < ${N}; i++) {
    new FraudsterRegistrationJob("job-" + i, {
        domainId: ${JSON.stringify(domainId)},
        dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
        inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
        outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)} },
        registrationConfig: { fraudsterSimilarityThreshold: 70 },
        triggers: [i],
    });
}
`;
}

const NOOP_SOURCE = `import * as pulumi from "@pulumi/pulumi";
const noop: pulumi.dynamic.ResourceProvider = {
    async create(inputs: any) { return { id: "noop-" + inputs.i, outs: inputs }; },
};
class Noop extends pulumi.dynamic.Resource {
    constructor(name: string, props: any) { super(noop, name, props, {}, "bench", "Noop"); }
}
for (let i = 0; i < ${N}; i++) new Noop("noop-" + i, { i });
`;

/**
 * The same no-op resource declaring the job's output keys (undefined until the engine answers),
 * to separate the SDK's per-output cost from the provider's own cost.
 */
const NOOP_OUTPUTS_SOURCE = NOOP_SOURCE.replace(
    'new Noop("noop-" + i, { i })',
    'new Noop("noop-" + i, { i, ...Object.fromEntries(' +
        JSON.stringify(JOB_OUTPUT_NAMES) +
        ".map((k) => [k, undefined])) })",
);

/** Milliseconds of one `pulumi preview` of `p` (throws when it fails). */
export async function timed(p: TestProgram, args: string[] = []): Promise<number> {
    const t = Date.now();
    // Plain `pulumi preview`, as the target is stated (`--diff` would time the display of
    // every property instead of the provider).
    const r = await p.pulumi(["preview", ...args]);
    if (r.code !== 0) throw new Error(`preview failed\n${r.stdout}\n${r.stderr}`);
    return Date.now() - t;
}
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    const stack = await startLocalStack({ jobDurationMs: 0, maxConcurrentJobsPerDomain: N + 10, logLevel: "error" });
    const results: Record<
        string,
        { jobsMs: number; noopMs: number; ratio: number; noopOutputsMs: number; ratioSameOutputs: number }
    > = {};
    let jobs: TestProgram | undefined;
    let noop: TestProgram | undefined;
    let noopOutputs: TestProgram | undefined;
    try {
        const key = await stack.createKmsKey();
        const domainId = (
            await stack.voiceId.send(
                new CreateDomainCommand({
                    Name: "bench-preview",
                    ServerSideEncryptionConfiguration: { KmsKeyId: key.keyId },
                }),
            )
        ).Domain!.DomainId!;
        const seed = await stack.seedRegistration("bench-preview", [
            { requestId: "r0", audio: [{ speaker: 900, utterance: 1, seconds: 2 }] },
        ]);
        jobs = await TestProgram.create({ name: "bench-jobs", source: jobsSource(domainId, seed), env: stack.env });
        noop = await TestProgram.create({ name: "bench-noop", source: NOOP_SOURCE, env: stack.env });
        noopOutputs = await TestProgram.create({
            name: "bench-noop-outputs",
            source: NOOP_OUTPUTS_SOURCE,
            env: stack.env,
        });
        await timed(jobs); // warm-up: plugin and TypeScript caches
        await timed(noop);
        await timed(noopOutputs);
        const measure = async (label: string, args: string[]) => {
            const j: number[] = [];
            const n: number[] = [];
            const o: number[] = [];
            for (let i = 0; i < runs; i++) {
                j.push(await timed(jobs!, args));
                n.push(await timed(noop!, args));
                o.push(await timed(noopOutputs!, args));
            }
            const ratio = (a: number[], b: number[]) => Math.round((median(a) / median(b)) * 100) / 100;
            results[label] = {
                jobsMs: median(j),
                noopMs: median(n),
                ratio: ratio(j, n),
                noopOutputsMs: median(o),
                ratioSameOutputs: ratio(j, o),
            };
        };
        await measure("fresh stack (50 creates)", []);
        for (const p of [jobs, noop, noopOutputs]) {
            const r = await p.up();
            if (r.code !== 0) throw new Error(`up failed\n${r.stdout}\n${r.stderr}`);
        }
        await measure("no-op preview after up", ["--expect-no-changes"]);
    } finally {
        await jobs?.dispose();
        await noop?.dispose();
        await noopOutputs?.dispose();
        await stack.stop();
    }
    console.log(
        `| preview | ${N} FraudsterRegistrationJobs | ${N} no-op dynamic resources | ratio | target | ${N} no-op resources declaring the job's ${JOB_OUTPUT_NAMES.length} outputs | ratio to those |\n|---|---|---|---|---|---|---|`,
    );
    for (const [label, r] of Object.entries(results)) {
        console.log(
            `| ${label} | ${(r.jobsMs / 1000).toFixed(2)} s | ${(r.noopMs / 1000).toFixed(2)} s | ${r.ratio}x | <= 1.2x | ${(r.noopOutputsMs / 1000).toFixed(2)} s | ${r.ratioSameOutputs}x |`,
        );
    }
    console.log(JSON.stringify({ bench: "jobs-preview", runs, results }));
}

if (require.main === module) {
    main().then(
        () => process.exit(0),
        (e) => {
            console.error(e);
            process.exit(1);
        },
    );
}
