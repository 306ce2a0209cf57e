/**
 * Benchmark (an analysis, not a test): held out 1's false matches against how alike the shipped
 * espeak-ng variants are (issue 25). Held out 1 is the one set of shipped variants, and its
 * distinct pairs are the hardest: some variants share their formant frequencies and differ only
 * in spectral tilt (`tone`), voicing or pitch range. This groups its distinct pairs of espeak-ng
 * voices by the largest difference between their variant files' formant 1-4 frequency factors
 * (`formant N <freq%> ...`, 100 where a file leaves a formant out) and prints, per group, the
 * voice pairs, the recording pairs and how many of those score at or above the default
 * threshold. Generator speakers are left out (they have no variant file). Nothing is chosen on
 * this: it describes the set, as docs/benchmarks.md and emulator/README.md report it.
 * Run: npm run bench -- voiceprint-variants   (after npm run build; needs espeak-ng and sox)
 * @module
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULTS } from "../../emulator/config";
import { similarity } from "../../emulator/voice/voiceprint";
import { evalDir, loadSet } from "./voiceprint-eval";

const THRESHOLD = DEFAULTS.defaultSimilarityThreshold;
/** Upper bounds (percent) of the groups; the last is open. */
const GROUPS = [0.5, 4.5, 8.5, Infinity];

function variantDir(): string {
    const version = execFileSync("espeak-ng", ["--version"], { encoding: "utf8" });
    const data = /Data at:\s*(\S+)/.exec(version)?.[1];
    if (!data) throw new Error(`espeak-ng --version did not say where its data is: ${version}`);
    return path.join(data, "voices", "!v");
}

/** Formant 1-4 frequency factors (percent of the base voice's) of a variant file. */
function formantFrequencies(file: string): number[] {
    const f = [100, 100, 100, 100];
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        const m = /^\s*formant\s+(\d+)\s+(\d+)/.exec(line);
        if (m && +m[1] >= 1 && +m[1] <= 4) f[+m[1] - 1] = +m[2];
    }
    return f;
}

/** The largest difference between two voices' formant frequencies, percent (log ratio x 100). */
function formantDistance(a: number[], b: number[]): number {
    return Math.max(...a.map((x, k) => (x > 0 && b[k] > 0 ? Math.abs(Math.log(x / b[k])) * 100 : Infinity)));
}

function main(): void {
    const dir = evalDir();
    const variants = variantDir();
    const recs = loadSet(dir, "heldout").filter((r) => !r.voice.startsWith("gen"));
    const formants = new Map(
        [...new Set(recs.map((r) => r.voice))].map((v) => [v, formantFrequencies(path.join(variants, v))]),
    );
    const groups = GROUPS.map(() => ({
        voicePairs: new Set<string>(),
        pairs: 0,
        falseMatches: 0,
        matched: new Set<string>(),
    }));
    for (let i = 0; i < recs.length; i++) {
        for (let j = i + 1; j < recs.length; j++) {
            const [a, b] = [recs[i].voice, recs[j].voice];
            if (a === b) continue;
            const d = formantDistance(formants.get(a)!, formants.get(b)!);
            const g = groups[GROUPS.findIndex((hi) => d < hi || hi === Infinity)];
            const pair = [a, b].sort().join("~");
            g.voicePairs.add(pair);
            g.pairs++;
            if (similarity(recs[i].print, recs[j].print) >= THRESHOLD) {
                g.falseMatches++;
                g.matched.add(pair);
            }
        }
    }
    console.log(
        `held out 1, its ${formants.size} espeak-ng variants, distinct pairs by formant 1-4 frequency difference`,
    );
    console.log(
        `\n| formant frequencies apart | voice pairs | recording pairs | false matches at ${THRESHOLD} | voice pairs with one |`,
    );
    console.log("|---|---|---|---|---|");
    let lo = 0;
    groups.forEach((g, k) => {
        const hi = GROUPS[k];
        const label = hi === Infinity ? `${lo}% or more` : lo === 0 ? `under ${hi}%` : `${lo}-${hi}%`;
        const rate = g.pairs ? ((100 * g.falseMatches) / g.pairs).toFixed(2) : "0";
        const names = g.voicePairs.size <= 16 ? ` (${[...g.voicePairs].sort().join(", ")})` : "";
        console.log(
            `| ${label} | ${g.voicePairs.size}${names} | ${g.pairs} | ${g.falseMatches} (${rate}%) | ${g.matched.size} |`,
        );
        lo = hi;
    });
}

if (require.main === module) main();
