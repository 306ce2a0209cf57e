/**
 * Benchmark: completion notice lag and Describe calls of the adaptive waiter, against a fixed
 * 15 s poller, for jobs of about 10 s, 60 s and 180 s on the local stack (target:
 * notice within max(1 s, 2% of the job's duration) of EndedAt, with no more Describe calls than
 * the fixed poller).
 *
 * For each duration two identical jobs start together in two domains: one through the
 * provider's `create` (counting its Describe calls at the SDK), one watched by a fixed poller
 * (Describe right after the start, then every 15 s, as a smithy-style waiter with a fixed delay
 * does). Lag = local time the waiter returned - the job's EndedAt (same host, same clock).
 * A second table replays the same comparison on synthetic jobs (fake clock) for progress in 20
 * steps, 10 steps and smooth progress.
 *
 * Run: PATH=$(bash scripts/ensure-node.sh):$PATH node bin/tests/bench/jobs-waiter.js
 * (BENCH_DURATIONS=10,60 to shorten; BENCH_REQUESTS=20 requests per job; BENCH_OFFSET_MS=1700 is
 * added to every duration so jobs do not end exactly on a 15 s tick, which would flatter the
 * fixed poller.)
 * @module
 */
import {
    CreateDomainCommand,
    DescribeFraudsterRegistrationJobCommand,
    StartFraudsterRegistrationJobCommand,
} from "@aws-sdk/client-voice-id";
import { startLocalStack } from "../support/localStack";
import { observeClients, resetClients } from "../../provider/shared/clients";
import { sink } from "../../provider/shared/log";
import { lagTolerance } from "../../provider/shared/waiter";
import * as provider from "../../provider/jobs/provider";
import { simulateAdaptive, simulateFixed } from "../unit/shared/waiterSim";

const TERMINAL = ["COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"];

async function main() {
    const durations = (process.env.BENCH_DURATIONS ?? "10,60,180").split(",").map(Number);
    const requests = Number(process.env.BENCH_REQUESTS ?? 20);
    const offsetMs = Number(process.env.BENCH_OFFSET_MS ?? 1700);
    const stack = await startLocalStack({ jobDurationMs: 0, maxConcurrentJobsPerDomain: 10, logLevel: "error" });
    Object.assign(process.env, stack.env);
    resetClients();
    sink.write = () => undefined;
    let describes = 0;
    observeClients((client) =>
        client.middlewareStack.add(
            (next: any, ctx: any) => async (args: any) => {
                if (ctx.commandName === "DescribeFraudsterRegistrationJobCommand") describes++;
                return next(args);
            },
            { step: "initialize", name: "count" },
        ),
    );
    const rows: string[] = [];
    const results: any[] = [];
    try {
        const key = await stack.createKmsKey();
        const domain = async (n: string) =>
            (
                await stack.voiceId.send(
                    new CreateDomainCommand({ Name: n, ServerSideEncryptionConfiguration: { KmsKeyId: key.keyId } }),
                )
            ).Domain!.DomainId!;
        const reqs = Array.from({ length: requests }, (_, i) => ({
            requestId: `r${i}`,
            audio: [{ speaker: 500 + i, utterance: 1, seconds: 2 }],
        }));
        const seed = await stack.seedRegistration("bench-waiter", reqs);
        for (const seconds of durations) {
            stack.emulator!.config.jobDurationMs = seconds * 1000 + offsetMs;
            const [dA, dB] = [await domain(`a${seconds}`), await domain(`b${seconds}`)];
            describes = 0;
            const inputs = {
                domainId: dA,
                dataAccessRoleArn: seed.roleArn,
                inputDataConfig: { s3Uri: seed.manifestUri },
                outputDataConfig: { s3Uri: seed.outputUri },
                scope: { project: "bench", stack: "waiter", name: `job-${seconds}` },
            };
            const adaptive = (async () => {
                const r = await provider.create(inputs);
                const returned = Date.now();
                return {
                    returned,
                    endedAt: Date.parse(r.outs.endedAt!),
                    createdAt: Date.parse(r.outs.createdAt!),
                    calls: describes,
                };
            })();
            const fixed = (async () => {
                const { Job } = await stack.voiceId.send(
                    new StartFraudsterRegistrationJobCommand({
                        DomainId: dB,
                        DataAccessRoleArn: seed.roleArn,
                        InputDataConfig: { S3Uri: seed.manifestUri },
                        OutputDataConfig: { S3Uri: seed.outputUri },
                    }),
                );
                let calls = 0;
                for (;;) {
                    calls++;
                    const d = await stack.voiceId.send(
                        new DescribeFraudsterRegistrationJobCommand({ DomainId: dB, JobId: Job!.JobId! }),
                    );
                    if (TERMINAL.includes(d.Job!.JobStatus!))
                        return {
                            returned: Date.now(),
                            endedAt: d.Job!.EndedAt!.getTime(),
                            createdAt: d.Job!.CreatedAt!.getTime(),
                            calls,
                        };
                    await new Promise((r) => setTimeout(r, 15_000));
                }
            })();
            const [a, f] = await Promise.all([adaptive, fixed]);
            const dur = a.endedAt - a.createdAt;
            const tol = lagTolerance(dur);
            const row = {
                seconds,
                durationMs: dur,
                toleranceMs: tol,
                adaptive: { lagMs: a.returned - a.endedAt, describes: a.calls },
                fixed15s: { lagMs: f.returned - f.endedAt, describes: f.calls },
            };
            results.push(row);
            rows.push(
                `| ~${seconds} s (${(dur / 1000).toFixed(1)} s) | ${row.adaptive.lagMs} ms | ${row.adaptive.describes} | ${row.fixed15s.lagMs} ms | ${row.fixed15s.describes} | ${Math.round(tol)} ms | ${row.adaptive.lagMs <= tol && row.adaptive.describes <= row.fixed15s.describes ? "met" : row.adaptive.lagMs <= tol ? "lag met, calls missed" : "missed"} |`,
            );
        }
    } finally {
        await stack.stop();
    }
    console.log(`Local stack, ${requests} requests per job (progress advances in ${100 / requests}% steps):\n`);
    console.log(
        "| job | adaptive lag | adaptive Describe calls | fixed 15 s lag | fixed 15 s Describe calls | target lag | target |\n|---|---|---|---|---|---|---|",
    );
    console.log(rows.join("\n"));
    console.log("\nSynthetic jobs (fake clock, 10 random phases each; worst case shown):\n");
    console.log(
        "| job | progress | adaptive worst lag | adaptive max calls | fixed 15 s calls | fixed 15 s lag |\n|---|---|---|---|---|---|",
    );
    for (const steps of [20, 10, 0]) {
        for (const s of [10, 60, 180]) {
            const job = { durationMs: s * 1000 + 737, steps };
            let lag = 0,
                calls = 0;
            for (let seed = 1; seed <= 10; seed++) {
                const r = await simulateAdaptive(job, seed);
                lag = Math.max(lag, r.lagMs);
                calls = Math.max(calls, r.describeCalls);
            }
            const f = simulateFixed(job);
            console.log(
                `| ${s} s | ${steps ? `${steps} steps` : "smooth"} | ${Math.round(lag)} ms | ${calls} | ${f.describeCalls} | ${f.lagMs} ms |`,
            );
        }
    }
    console.log("\n" + JSON.stringify({ bench: "jobs-waiter", results }));
}

main().then(
    () => process.exit(0),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
