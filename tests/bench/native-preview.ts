/**
 * Benchmark: `pulumi preview` of 50 FraudsterRegistrationJobs through the native plugin (a YAML
 * program) against the same 50 jobs as dynamic resources (a TypeScript program), alternating in
 * the same run (target: within 1.1x); and the plugin's start-up time (process start to the port
 * printed, i.e. until the engine can call it).
 *
 * Two shapes, as `jobs-preview`: a fresh stack (50 creates: Check) and a no-op preview after
 * `pulumi up` (Check + Diff). Median of BENCH_RUNS (default 3) runs each.
 *
 * Start-up is timed for the executable in the checkout (the compiled host) and for the bundled
 * plugin of the tarball (`npm run build:plugin`, built here when missing).
 * BENCH_STARTUP_ONLY=1 skips the previews.
 *
 * Run: npm run bench -- native-preview
 * @module
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPlugin } from "../../scripts/build-plugin";
import { CreateDomainCommand } from "@aws-sdk/client-voice-id";
import { startLocalStack } from "../support/localStack";
import { jobsSource, median, timed } from "./jobs-preview";
import { TestProgram } from "../support/pulumi";
import { repoRoot } from "../support/repo";
import { JobSeed, registrationJobBlock, yamlHeader, yamlProgram } from "../support/yamlProgram";

const N = 50;

function nativeYaml(domainId: string, seed: JobSeed): (project: string) => string {
    return (project) => {
        let text = `${yamlHeader(project)}resources:\n`;
        for (let i = 0; i < N; i++) {
            text += registrationJobBlock(`job-${i}`, domainId, seed, [
                "registrationConfig: { fraudsterSimilarityThreshold: 70 }",
                `triggers: [${i}]`,
            ]);
        }
        return text;
    };
}

/** Milliseconds from starting the plugin `exe` to its port on stdout. */
function startupMs(exe: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const t = process.hrtime.bigint();
        const child = spawn(exe, [], { stdio: ["ignore", "pipe", "inherit"] });
        child.stdout.once("data", () => {
            const ms = Number(process.hrtime.bigint() - t) / 1e6;
            child.kill("SIGKILL");
            resolve(ms);
        });
        child.once("error", reject);
    });
}

async function main() {
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    const starts: number[] = [];
    const bundledStarts: number[] = [];
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-bench-plugin-"));
    try {
        execFileSync("tar", ["xzf", await buildPlugin(unpacked), "-C", unpacked]);
        for (let i = 0; i < Math.max(5, runs); i++) {
            starts.push(await startupMs(path.join(repoRoot, "pulumi-resource-voiceid")));
            bundledStarts.push(await startupMs(path.join(unpacked, "pulumi-resource-voiceid")));
        }
    } finally {
        fs.rmSync(unpacked, { recursive: true, force: true });
    }
    const startLine = (label: string, xs: number[]) =>
        `plugin start-up, ${label} (to the port on stdout), median of ${xs.length}: ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
    if (process.env.BENCH_STARTUP_ONLY === "1") {
        console.log(startLine("checkout (compiled host)", starts));
        console.log(startLine("bundled tarball", bundledStarts));
        return;
    }
    const stack = await startLocalStack({ jobDurationMs: 0, maxConcurrentJobsPerDomain: N + 10, logLevel: "error" });
    const results: Record<string, { nativeMs: number; dynamicMs: number; ratio: number }> = {};
    let native: TestProgram | undefined;
    let dynamic: TestProgram | undefined;
    try {
        const key = await stack.createKmsKey();
        const domainId = (
            await stack.voiceId.send(
                new CreateDomainCommand({
                    Name: "bench-native",
                    ServerSideEncryptionConfiguration: { KmsKeyId: key.keyId },
                }),
            )
        ).Domain!.DomainId!;
        const seed = await stack.seedRegistration("bench-native", [
            { requestId: "r0", audio: [{ speaker: 901, utterance: 1, seconds: 2 }] },
        ]);
        dynamic = await TestProgram.create({
            name: "bench-dynamic",
            source: jobsSource(domainId, seed),
            env: stack.env,
        });
        native = await yamlProgram({ name: "bench-native", yaml: nativeYaml(domainId, seed), env: stack.env });
        await timed(native); // warm-up
        await timed(dynamic);
        const measure = async (label: string, args: string[]) => {
            const a: number[] = [];
            const b: number[] = [];
            for (let i = 0; i < runs; i++) {
                a.push(await timed(native!, args));
                b.push(await timed(dynamic!, args));
            }
            results[label] = {
                nativeMs: median(a),
                dynamicMs: median(b),
                ratio: Math.round((median(a) / median(b)) * 100) / 100,
            };
        };
        await measure("fresh stack (50 creates)", []);
        for (const p of [native, dynamic]) {
            const r = await p.up();
            if (r.code !== 0) throw new Error(`up failed\n${r.stdout}\n${r.stderr}`);
        }
        await measure("no-op preview after up", ["--expect-no-changes"]);
    } finally {
        await native?.dispose();
        await dynamic?.dispose();
        await stack.stop();
    }
    console.log(
        `| preview | ${N} jobs, native plugin (YAML) | ${N} jobs, dynamic (TypeScript) | ratio | target |\n|---|---|---|---|---|`,
    );
    for (const [label, r] of Object.entries(results)) {
        console.log(
            `| ${label} | ${(r.nativeMs / 1000).toFixed(2)} s | ${(r.dynamicMs / 1000).toFixed(2)} s | ${r.ratio}x | <= 1.1x |`,
        );
    }
    console.log(startLine("checkout (compiled host)", starts));
    console.log(startLine("bundled tarball", bundledStarts));
    console.log(
        JSON.stringify({ bench: "native-preview", runs, results, startupMs: starts, bundledStartupMs: bundledStarts }),
    );
}

main().then(
    () => process.exit(0),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
