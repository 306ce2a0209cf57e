/**
 * Benchmark (not a test): the local Voice ID service with a full domain.
 *  1. Seeds 10,000 fraudsters into one domain, straight into the service's SQLite file through
 *     `Store.insertFraudster` while the service runs (the API would need 10,000 registration
 *     requests): 500 distinct voiceprints (synthetic speakers 1000-1499, 2 s each), each
 *     stored 20 times, so every comparison costs what one with a distinct voice costs.
 *  2. Runs a registration job of REQUESTS requests (new voices: each is compared with all
 *     10,000) and meanwhile calls ListFraudsters (MaxResults 100, following NextToken) and
 *     DescribeFraudster, one caller each, one call after the other, until the job ends.
 *  3. Prints their latency percentiles, the job's seconds per request and the service's RSS.
 * Run: node bin/tests/bench/emulator-fill.js   (BENCH_FRAUDSTERS, BENCH_REQUESTS to change sizes)
 * @module
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    DescribeFraudsterCommand,
    ListFraudstersCommand,
    StartFraudsterRegistrationJobCommand,
} from "@aws-sdk/client-voice-id";
import { Store } from "../../emulator/store";
import { computeVoiceprint } from "../../emulator/voice/voiceprint";
import { speaker, utterance } from "../../emulator/voices";
import { waitForJob } from "../integration/emulator/helpers";
import { peakRssMb, percentile, runEmulatorBench } from "../support/emulatorBench";

const FRAUDSTERS = Number(process.env.BENCH_FRAUDSTERS ?? 10_000);
const DISTINCT = 500;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10);
const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-fill-")), "voiceid.db");

const rssMb = (pid: number) =>
    Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

function seedFraudsters(domainId: string): string[] {
    const voiceprints = Array.from({ length: DISTINCT }, (_, i) =>
        JSON.stringify(computeVoiceprint([utterance(speaker(1000 + i), 0, { seconds: 2 })])),
    );
    const store = new Store(dbPath);
    try {
        const watchlist = store.getDomain(domainId)!.default_watchlist_id;
        const now = Date.now();
        const ids = Array.from({ length: FRAUDSTERS }, (_, i) => `id#fill${String(i).padStart(18, "0")}`);
        store.tx(() =>
            ids.forEach((id, i) =>
                store.insertFraudster(
                    { id, domain_id: domainId, voiceprint: voiceprints[i % DISTINCT], created_at: now, job_id: null },
                    [watchlist],
                ),
            ),
        );
        return ids;
    } finally {
        store.close();
    }
}

/** Calls `call` one after the other until `done()`; the latencies in ms, sorted. */
async function latencies(done: () => boolean, call: (i: number) => Promise<unknown>): Promise<number[]> {
    const ms: number[] = [];
    for (let i = 0; !done(); i++) {
        const t = performance.now();
        await call(i);
        ms.push(performance.now() - t);
    }
    return ms.sort((a, b) => a - b);
}

const summary = (ms: number[]) => ({
    calls: ms.length,
    p50: +percentile(ms, 50).toFixed(1),
    p99: +percentile(ms, 99).toFixed(1),
    max: +ms[ms.length - 1].toFixed(1),
});

runEmulatorBench(
    "fill",
    REQUESTS,
    async ({ stack, pid, bucket, uris, roleArn, output, domainId }) => {
        const seedStart = Date.now();
        const ids = seedFraudsters(domainId);
        const seedSeconds = (Date.now() - seedStart) / 1000;
        const idle = {
            listFraudstersMs: summary(
                await latencies(
                    (
                        (n) => () =>
                            n-- <= 0
                    )(50),
                    () => stack.voiceId.send(new ListFraudstersCommand({ DomainId: domainId, MaxResults: 100 })),
                ),
            ),
        };
        const rssBefore = rssMb(pid);
        const manifest = await stack.putManifest(
            bucket,
            "fill.json",
            uris.map((S3Uri, i) => ({ RequestId: `req-${i}`, AudioSpecifications: [{ S3Uri, ChannelId: 0 }] })),
        );
        const { Job } = await stack.voiceId.send(
            new StartFraudsterRegistrationJobCommand({
                DomainId: domainId,
                DataAccessRoleArn: roleArn,
                InputDataConfig: { S3Uri: manifest },
                OutputDataConfig: output,
            }),
        );
        let ended = false;
        const job = waitForJob(stack.voiceId, domainId, Job!.JobId!, 60 * 60_000).finally(() => (ended = true));
        let next: string | undefined;
        const [list, describe, done] = await Promise.all([
            latencies(
                () => ended,
                async () => {
                    next = (
                        await stack.voiceId.send(
                            new ListFraudstersCommand({ DomainId: domainId, MaxResults: 100, NextToken: next }),
                        )
                    ).NextToken;
                },
            ),
            latencies(
                () => ended,
                (i) =>
                    stack.voiceId.send(
                        new DescribeFraudsterCommand({ DomainId: domainId, FraudsterId: ids[(i * 7919) % ids.length] }),
                    ),
            ),
            job,
        ]);
        if (done.JobStatus !== "COMPLETED")
            throw new Error(`job ended ${done.JobStatus}: ${JSON.stringify(done.FailureDetails)}`);
        const jobSeconds = (done.EndedAt!.getTime() - done.CreatedAt!.getTime()) / 1000;
        return {
            fraudsters: FRAUDSTERS,
            seedSeconds: +seedSeconds.toFixed(1),
            jobRequests: REQUESTS,
            jobSecondsPerRequest: +(jobSeconds / REQUESTS).toFixed(2),
            idle,
            duringJob: { listFraudstersMs: summary(list), describeFraudsterMs: summary(describe) },
            emulatorRssBeforeJobMb: rssBefore,
            emulatorRssAfterJobMb: rssMb(pid),
            emulatorPeakRssMb: peakRssMb(pid),
        };
    },
    { dbPath },
);
