/**
 * Benchmark (not a test): restart time of the local stack (`pulumi-voiceid local start`) as jobs
 * accumulate. In a fresh stack directory: one domain, one data access role, one KMS key and a
 * manifest of 20 requests (2 s of audio each, so a job reads 21 objects); then registration jobs
 * one after another, and after 0,
 * 25, 50 and 100 jobs a stop and a timed start (moto's replay included). At the end, the same
 * start with the recording as it was before compaction, replayed whole (what a start did before
 * reads were dropped).
 * Run: node bin/tests/bench/local-restart.js
 * @module
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startStack, stackFiles, stopStack } from "../../cli/local/stack";
import { SEED_REQUEST } from "../../cli/local/motoRecording";
import { startLocalStack, type LocalStack } from "../support/localStack";
import { registerAndWait } from "../integration/emulator/helpers";

const CHECKPOINTS = [0, 25, 50, 100];
const quiet = () => undefined;

async function timedStart(
    dir: string,
): Promise<{ seconds: number; endpoints: Awaited<ReturnType<typeof startStack>> }> {
    await stopStack(dir, quiet);
    const t = performance.now();
    const endpoints = await startStack(dir, quiet);
    return { seconds: +((performance.now() - t) / 1000).toFixed(2), endpoints };
}

const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter(Boolean).length;

async function main(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-restart-bench-"));
    const files = stackFiles(dir);
    try {
        let endpoints = await startStack(dir, quiet);
        const attach = (): Promise<LocalStack> =>
            startLocalStack({ attach: { motoEndpoint: endpoints.moto, voiceIdEndpoint: endpoints.voiceId } });
        let stack = await attach();
        const domainId = await stack.createDomain("restart-bench");
        const seed = await stack.seedRegistration(
            "restart",
            Array.from({ length: 20 }, (_, i) => ({
                requestId: `r${i}`,
                audio: [{ speaker: i, utterance: 0, seconds: 2 }],
            })),
        );
        const results: { jobs: number; recordedLines: number; linesAfterStart: number; startSeconds: number }[] = [];
        let jobs = 0;
        // Every line ever recorded: each start's recording is the last one's compacted lines
        // (plus the start's own probe) and what was recorded since.
        let everything = "";
        let compacted = 0;
        for (const checkpoint of CHECKPOINTS) {
            for (; jobs < checkpoint; jobs++) {
                const job = await registerAndWait(stack, domainId, seed);
                if (!["COMPLETED", "COMPLETED_WITH_ERRORS"].includes(job.JobStatus!))
                    throw new Error(`job ${job.JobId} ended ${job.JobStatus}`);
            }
            await stopStack(dir, quiet);
            const raw = fs.readFileSync(files.recording, "utf8");
            everything += raw.slice(compacted);
            const start = await timedStart(dir);
            endpoints = start.endpoints;
            stack = await attach();
            compacted = fs.statSync(files.recording).size;
            results.push({
                jobs,
                recordedLines: raw.split("\n").filter(Boolean).length,
                linesAfterStart: lines(files.recording),
                startSeconds: start.seconds,
            });
        }
        // Everything recorded, marked as an earlier release's recording: replayed whole, as every
        // start did before reads were dropped.
        await stopStack(dir, quiet);
        fs.writeFileSync(
            files.recording,
            everything.replace(SEED_REQUEST, SEED_REQUEST.replace("&requestIds=own", "")),
        );
        const whole = await timedStart(dir);
        const wholeLines = everything.split("\n").filter(Boolean).length;
        console.log(
            JSON.stringify(
                { restarts: results, uncompactedAfter100Jobs: { lines: wholeLines, startSeconds: whole.seconds } },
                null,
                2,
            ),
        );
    } finally {
        await stopStack(dir, quiet);
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
