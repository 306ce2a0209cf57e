/**
 * Benchmark (not a test): cost of the emulator's voiceprint.
 *  1. Embedding: computeVoiceprint on 2 s, 10 s and 60 s of 8 kHz synthetic speech (median CPU
 *     time of repeated runs, after a warm-up).
 *  2. Comparison: similarity() calls per second, and the time to compare one new voiceprint
 *     with 1,000 stored ones (what a registration request does in a domain of 1,000 fraudsters),
 *     and one comparison of two recordings of one voice.
 *  3. Size of a voiceprint as stored (JSON).
 *  4. The scan as emulator/fraud.ts (now voice/fraudSearch.ts) did it before issue 26 (JSON.parse per stored voiceprint)
 *     and as it does now (decoding the stored search features), and the extrapolation of the
 *     latter to 1,000 requests into a domain of 10,000 fraudsters (linear in both).
 * Run: node bin/tests/bench/voiceprint.js   (after tsc)
 * @module
 */
import {
    computeVoiceprint,
    decodeSearchFeatures,
    encodeSearchFeatures,
    searchFeatures,
    similarity,
    similarityOfFeatures,
} from "../../emulator/voice/voiceprint";
import { speaker, utterance } from "../../emulator/voices";

/**
 * Median CPU time (user + system) of fn, in ms: the work is single-threaded, and CPU time does
 * not count the time other processes of a shared machine take (wall-clock time does).
 */
function medianMs(runs: number, fn: () => void): number {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t = process.cpuUsage();
        fn();
        const used = process.cpuUsage(t);
        times.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
}

function main(): void {
    const rows: [string, string][] = [];
    for (let i = 0; i < 3; i++) computeVoiceprint([utterance(speaker(i), 1, { seconds: 2 })]); // warm-up
    for (const seconds of [2, 10, 60]) {
        const audio = utterance(speaker(7), 3, { seconds });
        rows.push([
            `computeVoiceprint, ${seconds} s of audio (median ms)`,
            medianMs(seconds > 10 ? 5 : 15, () => computeVoiceprint([audio])).toFixed(1),
        ]);
    }
    const stored = Array.from({ length: 1000 }, (_, i) =>
        computeVoiceprint([utterance(speaker(i), 1, { seconds: 1.5 })]),
    );
    const probe = computeVoiceprint([utterance(speaker(3), 2, { seconds: 4 })]);
    const scan = medianMs(7, () => {
        for (const v of stored) similarity(probe, v);
    });
    rows.push(["similarity() calls per second", String(Math.round(1000 / (scan / stored.length)))]);
    // The worst case: the same voice, so no step of the comparison can be skipped.
    const again = computeVoiceprint([utterance(speaker(3), 5, { seconds: 4 })]);
    rows.push([
        "similarity() of two recordings of one voice (ms)",
        (
            medianMs(15, () => {
                for (let i = 0; i < 100; i++) similarity(probe, again);
            }) / 100
        ).toFixed(3),
    ]);
    rows.push(["one voiceprint against 1,000 stored ones (ms)", scan.toFixed(1)]);
    // What a registration request cost in emulator/fraud.ts (now voice/fraudSearch.ts) before issue 26: each stored
    // fraudster's voiceprint parsed from its JSON, then compared.
    const json = stored.map((v) => JSON.stringify(v));
    const parsed = medianMs(7, () => {
        for (const j of json) similarity(probe, JSON.parse(j) as typeof probe);
    });
    rows.push([
        "one voiceprint against 1,000 stored ones, JSON.parse of each (fraud.ts before issue 26) (ms)",
        parsed.toFixed(1),
    ]);
    // What it costs now: each fraudster's stored search features decoded, then compared. The cost
    // grows linearly with the domain's size.
    const blobs = stored.map((v) => encodeSearchFeatures(v));
    const probeFeatures = searchFeatures(probe);
    const decoded = medianMs(7, () => {
        for (const b of blobs) similarityOfFeatures(probeFeatures, decodeSearchFeatures(b));
    });
    const perComparison = decoded / blobs.length;
    rows.push([
        "one voiceprint against 1,000 stored ones as fraud.ts does it, search features decoded (ms)",
        decoded.toFixed(1),
    ]);
    // 1,000 requests into a domain of 10,000 fraudsters: each request scans 10,000 + the ones the job registered before it.
    rows.push([
        "extrapolated: 1,000 requests into a domain of 10,000 fraudsters, comparisons only (s)",
        ((perComparison * 1000 * (10000 + 500)) / 1000).toFixed(0),
    ]);
    rows.push(["voiceprint size as stored (JSON bytes)", String(JSON.stringify(probe).length)]);
    rows.push(["search features as stored (bytes)", String(encodeSearchFeatures(probe).length)]);
    console.log("| metric | value |\n|---|---|");
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
    console.log(JSON.stringify(Object.fromEntries(rows)));
}

main();
