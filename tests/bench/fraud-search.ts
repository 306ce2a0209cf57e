/**
 * Benchmark (not a test): one fraudster search at 10,000 fraudsters, without the service around it.
 * Seeds a file database as emulator-fill does (500 distinct voiceprints of synthetic speakers
 * 1000-1499, 2 s each, 20 times each, all in one millisecond), then times
 * `FraudsterSearch.closest()` of 9 new voices (CPU time, user + system) and prints the median,
 * the range and the process's heap and RSS after them.
 * Run: node bin/tests/bench/fraud-search.js   (BENCH_FRAUDSTERS to change the size)
 * @module
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FraudsterSearch } from "../../emulator/voice/fraudSearch";
import { Store } from "../../emulator/store";
import { computeVoiceprint } from "../../emulator/voice/voiceprint";
import { speaker, utterance } from "../../emulator/voices";

const FRAUDSTERS = Number(process.env.BENCH_FRAUDSTERS ?? 10_000);

async function main(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-search-"));
    const store = new Store(path.join(dir, "voiceid.db"));
    try {
        const prints = Array.from({ length: 500 }, (_, i) =>
            JSON.stringify(computeVoiceprint([utterance(speaker(1000 + i), 0, { seconds: 2 })])),
        );
        store.tx(() => {
            for (let i = 0; i < FRAUDSTERS; i++) {
                store.insertFraudster(
                    {
                        id: `id#fill${String(i).padStart(18, "0")}`,
                        domain_id: "d",
                        voiceprint: prints[i % prints.length],
                        created_at: 1,
                        job_id: null,
                    },
                    ["w"],
                );
            }
        });
        const ms: number[] = [];
        for (let i = 0; i < 9; i++) {
            const probe = computeVoiceprint([utterance(speaker(2000 + i), 1, { seconds: 2 })]);
            const t = process.cpuUsage();
            await new FraudsterSearch(store, "d", probe).closest();
            const used = process.cpuUsage(t);
            ms.push((used.user + used.system) / 1000);
        }
        ms.sort((a, b) => a - b);
        const mb = (bytes: number) => Math.round(bytes / 1e6);
        console.log(
            JSON.stringify({
                fraudsters: FRAUDSTERS,
                searchCpuMsMedian: +ms[4].toFixed(1),
                min: +ms[0].toFixed(1),
                max: +ms[8].toFixed(1),
                heapUsedMb: mb(process.memoryUsage().heapUsed),
                rssMb: mb(process.memoryUsage().rss),
            }),
        );
    } finally {
        store.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
