/**
 * Benchmark (not a test): what registering REQUESTS new voices costs in a domain of FRAUDSTERS
 * (issue 25, item 4), measured, not extrapolated. In process, without S3 or the API (their cost
 * per request does not grow with the domain; see the `emulator-throughput` benchmark): per
 * request what a registration job's request does with the voice, computeVoiceprint of 2 s of
 * audio, the closest-fraudster search over the domain (voice/fraudSearch.ts, as the job runner
 * runs it) and, below the default threshold, the new fraudster's insert, so the domain grows as
 * the job goes. The domain is seeded like the other benchmarks (500 distinct voiceprints of
 * synthetic speakers 1000-1499, 2 s each, each stored FRAUDSTERS / 500 times); the requests are
 * synthetic speakers 3000 and up, voices the domain does not hold.
 * Prints CPU seconds (user + system) of the whole run and per request, the search's share, and
 * how many requests matched. BENCH_SIZES (comma-separated domain sizes) runs several sizes.
 * Run: npm run bench -- registration-scale   (BENCH_FRAUDSTERS=10000 BENCH_REQUESTS=1000 by default)
 * @module
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULTS } from "../../emulator/config";
import { Store } from "../../emulator/store";
import { FraudsterSearch } from "../../emulator/voice/fraudSearch";
import { computeVoiceprint } from "../../emulator/voice/voiceprint";
import { speaker, utterance } from "../../emulator/voices";

const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_FRAUDSTERS ?? "10000").split(",").map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const DISTINCT = 500;

const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1e6;
};

async function run(fraudsters: number, seeds: string[]): Promise<Record<string, number>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-scale-"));
    const store = new Store(path.join(dir, "voiceid.db"));
    try {
        store.tx(() => {
            for (let i = 0; i < fraudsters; i++) {
                store.insertFraudster(
                    {
                        id: `id#seed${String(i).padStart(18, "0")}`,
                        domain_id: "d",
                        voiceprint: seeds[i % DISTINCT],
                        created_at: 1,
                        job_id: null,
                    },
                    ["w"],
                );
            }
        });
        let search = 0;
        let voiceprints = 0;
        let matched = 0;
        const wall = Date.now();
        const all = process.cpuUsage();
        for (let r = 0; r < REQUESTS; r++) {
            let t = process.cpuUsage();
            const print = computeVoiceprint([utterance(speaker(3000 + r), 1, { seconds: 2 })]);
            voiceprints += cpuSeconds(t);
            t = process.cpuUsage();
            const best = await new FraudsterSearch(store, "d", print).closest();
            search += cpuSeconds(t);
            if (best && best.score >= DEFAULTS.defaultSimilarityThreshold) matched++;
            else
                store.tx(() =>
                    store.insertFraudster(
                        {
                            id: `id#req${String(r).padStart(19, "0")}`,
                            domain_id: "d",
                            voiceprint: JSON.stringify(print),
                            created_at: 2 + r,
                            job_id: null,
                        },
                        ["w"],
                    ),
                );
        }
        const total = cpuSeconds(all);
        return {
            fraudsters,
            requests: REQUESTS,
            cpuSeconds: +total.toFixed(1),
            wallSeconds: +((Date.now() - wall) / 1000).toFixed(1),
            cpuMsPerRequest: +((1000 * total) / REQUESTS).toFixed(1),
            searchCpuMsPerRequest: +((1000 * search) / REQUESTS).toFixed(1),
            voiceprintCpuMsPerRequest: +((1000 * voiceprints) / REQUESTS).toFixed(1),
            matchedAtDefaultThreshold: matched,
        };
    } finally {
        store.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    const seeds = Array.from({ length: DISTINCT }, (_, i) =>
        JSON.stringify(computeVoiceprint([utterance(speaker(1000 + i), 0, { seconds: 2 })])),
    );
    for (const size of SIZES) console.log(JSON.stringify(await run(size, seeds)));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
