/**
 * Benchmark: `pulumi preview` of 50 FraudsterRegistrationJobs with the Voice ID policy pack
 * (`--policy-pack policy/pulumi-analyzer-voiceid`) against the same preview without it, same
 * stack, alternating in the same run (target: at most 1.2x).
 *
 * The jobs are those of `jobs-preview` with a results key, so they satisfy every rule. Two
 * shapes: a fresh stack (50 creates) and a no-op preview after `pulumi up`; then a third row
 * without the key, where every job violates voiceid-job-results-cmk and the config
 * `{"all": "advisory"}` keeps the preview passing while the pack reports 50 violations (the
 * engine prints each). Median of BENCH_RUNS (default 3).
 *
 * Each row also times the same pack served by `@pulumi/policy`'s own server (the folder form's
 * host, started as an executable from tests/fixtures/policy: what `pulumi-analyzer-voiceid` ran
 * before the pack had its own host), interleaved with the others, so that both hosts are compared
 * under the same load. Prints the load average before and after: the machine is shared.
 *
 * Run: npm run bench -- policy-preview
 * @module
 */
import * as os from "os";
import { CreateDomainCommand } from "@aws-sdk/client-voice-id";
import { startLocalStack } from "../support/localStack";
import { TestProgram } from "../support/pulumi";
import * as path from "path";
import { POLICY_PACK, writePolicyConfig } from "../support/policyPack";
import { repoRoot } from "../support/repo";
import { jobsSource, median, timed } from "./jobs-preview";

const N = 50;

/** The same pack on `@pulumi/policy`'s server, as an executable analyzer. */
const SDK_HOST_PACK = path.join(repoRoot, "tests", "fixtures", "policy", "pulumi-analyzer-voiceid-sdk");

const load = () =>
    os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ");

async function main() {
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    const loadBefore = load();
    const stack = await startLocalStack({ jobDurationMs: 0, maxConcurrentJobsPerDomain: N + 10, logLevel: "error" });
    const results: Record<
        string,
        { withMs: number; withoutMs: number; ratio: number; sdkHostMs: number; sdkHostRatio: number }
    > = {};
    let program: TestProgram | undefined;
    try {
        const key = await stack.createKmsKey();
        const domainId = (
            await stack.voiceId.send(
                new CreateDomainCommand({
                    Name: "bench-policy",
                    ServerSideEncryptionConfiguration: { KmsKeyId: key.keyId },
                }),
            )
        ).Domain!.DomainId!;
        const seed = await stack.seedRegistration("bench-policy", [
            { requestId: "r0", audio: [{ speaker: 902, utterance: 1, seconds: 2 }] },
        ]);
        const withKey = jobsSource(domainId, seed).replace(
            `outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)} }`,
            `outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: ${JSON.stringify(seed.kmsKeyArn)} }`,
        );
        if (withKey === jobsSource(domainId, seed))
            throw new Error("jobs-preview's source changed: cannot add the results key");
        program = await TestProgram.create({ name: "bench-policy", source: withKey, env: stack.env });
        const config = writePolicyConfig(program.dir, { all: "advisory" });
        const pack = ["--policy-pack", POLICY_PACK, "--policy-pack-config", config];
        const sdkPack = ["--policy-pack", SDK_HOST_PACK, "--policy-pack-config", config];
        await timed(program); // warm-up: plugin and TypeScript caches
        await timed(program, pack);
        await timed(program, sdkPack);
        const measure = async (label: string, args: string[]) => {
            const w: number[] = [];
            const wo: number[] = [];
            const sdk: number[] = [];
            for (let i = 0; i < runs; i++) {
                w.push(await timed(program!, [...args, ...pack]));
                wo.push(await timed(program!, args));
                sdk.push(await timed(program!, [...args, ...sdkPack]));
            }
            const ratio = (ms: number) => Math.round((ms / median(wo)) * 100) / 100;
            results[label] = {
                withMs: median(w),
                withoutMs: median(wo),
                ratio: ratio(median(w)),
                sdkHostMs: median(sdk),
                sdkHostRatio: ratio(median(sdk)),
            };
        };
        await measure("fresh stack (50 creates)", []);
        const r = await program.up();
        if (r.code !== 0) throw new Error(`up failed\n${r.stdout}\n${r.stderr}`);
        await measure("no-op preview after up", ["--expect-no-changes"]);
        program.writeSource(jobsSource(domainId, seed));
        await measure("50 replacements (results key removed), each an advisory violation", []);
    } finally {
        await program?.dispose();
        await stack.stop();
    }
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
        `| preview | ${N} jobs with the policy pack | without | ratio | target | same pack on @pulumi/policy's server | its ratio |\n` +
            "|---|---|---|---|---|---|---|",
    );
    for (const [label, r] of Object.entries(results)) {
        console.log(
            `| ${label} | ${s(r.withMs)} | ${s(r.withoutMs)} | ${r.ratio}x | <= 1.2x | ${s(r.sdkHostMs)} | ${r.sdkHostRatio}x |`,
        );
    }
    console.log(`load average (1, 5, 15 min): before ${loadBefore}, after ${load()}; ${os.cpus().length} CPUs`);
    console.log(JSON.stringify({ bench: "policy-preview", runs, results, loadBefore, loadAfter: load() }));
}

main().then(
    () => process.exit(0),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
