/**
 * Benchmark (not a test): how well the voiceprint separates voices it was not calibrated on
 * (issue 25). The sets come from scripts/gen-voice-eval.sh (espeak-ng and sox; generated into
 * the cache on first run): a calibration set and eight HELD-OUT sets of other voices, other
 * sentences, other speaking rates, pitches and noise colour, all with 20 dB noise and a
 * telephone channel (300-3400 Hz, mu-law). No weight or threshold may be chosen on a held-out
 * set; their figures are the ones docs/benchmarks.md reports. (The training sets are the speaker
 * model's, scripts/train-voiceprint.sh; they are not scored here.)
 *
 * For each set: every pair of recordings is scored with similarity(); same-voice pairs (always
 * different sentences) and distinct-voice pairs; their score distributions, the equal error
 * rate, the miss and false-match rates at the default threshold (70), the gap between the two.
 * Writes a PNG of each held-out set's distributions (docs/voiceprint-heldout.png,
 * docs/voiceprint-heldout2.png ... heldout8, or VOICEPRINT_EVAL_PNG_DIR/voiceprint-<set>.png;
 * the directory must exist). When each set was made, and what was seen when, is in
 * emulator/README.md, "Voiceprint evaluation".
 * Run: npm run bench -- voiceprint-eval   (VOICEPRINT_EVAL_SETS=calibration to score only that)
 * @module
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULTS } from "../../emulator/config";
import { computeVoiceprint, similarity, type Voiceprint } from "../../emulator/voice/voiceprint";
import { parseWav } from "../../emulator/wav";
import { readRecordings } from "../../scripts/voiceEvalSets";
import { repoRoot } from "../support/repo";
import { Canvas, type Rgb } from "../support/png";

const THRESHOLD = DEFAULTS.defaultSimilarityThreshold;

export interface Recording {
    file: string;
    voice: string;
    conditions: string;
    print: Voiceprint;
}

/** The evaluation sets' directory (generated on first use). */
export function evalDir(): string {
    if (process.env.VOICEPRINT_EVAL_DIR) return process.env.VOICEPRINT_EVAL_DIR;
    const out = execFileSync("bash", [path.join(repoRoot, "scripts", "gen-voice-eval.sh")], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
    });
    return out.trim().split("\n").pop()!;
}

/** The recordings of one set with their voiceprints. */
export function loadSet(dir: string, set: string): Recording[] {
    return readRecordings(dir, set).map(({ file, voice, rate, pitch, noise, channel }) => ({
        file,
        voice,
        conditions: `${rate}/${pitch}/${noise}/${channel}`,
        print: computeVoiceprint([parseWav(fs.readFileSync(path.join(dir, set, file))).channel(0)]),
    }));
}

/** A scored pair: its recordings ("a-1~b-3") and its voices, sorted ("a~b"). */
interface Pair {
    score: number;
    label: string;
    voices: string;
}

interface Scores {
    same: Pair[];
    distinct: Pair[];
}

function scorePairs(recs: Recording[]): Scores {
    const out: Scores = { same: [], distinct: [] };
    for (let i = 0; i < recs.length; i++) {
        for (let j = i + 1; j < recs.length; j++) {
            const score = similarity(recs[i].print, recs[j].print);
            const label = `${recs[i].file.replace(/\.wav$/, "")}~${recs[j].file.replace(/\.wav$/, "")}`;
            const voices = [recs[i].voice, recs[j].voice].sort().join("~");
            (recs[i].voice === recs[j].voice ? out.same : out.distinct).push({ score, label, voices });
        }
    }
    out.same.sort((a, b) => a.score - b.score);
    out.distinct.sort((a, b) => b.score - a.score);
    return out;
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(2)}%`;
const quantile = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Equal error rate over integer thresholds: where the miss and false-match rates cross. */
function equalErrorRate(same: number[], distinct: number[]): { eer: number; at: number } {
    let best = { gap: Infinity, eer: 1, at: 0 };
    for (let t = 0; t <= 101; t++) {
        const miss = same.filter((x) => x < t).length / same.length;
        const fm = distinct.filter((x) => x >= t).length / distinct.length;
        if (Math.abs(miss - fm) < best.gap) best = { gap: Math.abs(miss - fm), eer: (miss + fm) / 2, at: t };
    }
    return { eer: best.eer, at: best.at };
}

function histogram(xs: number[]): string {
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.min(9, Math.floor(x / 10))]++;
    return bins.map((n, i) => `${i * 10}-${i === 9 ? 100 : i * 10 + 9}:${n}`).join(" ");
}

function summarize(set: string, recs: Recording[], s: Scores): Record<string, string> {
    const same = s.same.map((x) => x.score).sort((a, b) => a - b);
    const distinct = s.distinct.map((x) => x.score).sort((a, b) => a - b);
    const misses = same.filter((x) => x < THRESHOLD).length;
    const falseMatches = distinct.filter((x) => x >= THRESHOLD).length;
    const { eer, at } = equalErrorRate(same, distinct);
    const dist = (xs: number[]) =>
        `min ${xs[0]}, 5% ${quantile(xs, 0.05)}, median ${quantile(xs, 0.5)}, 95% ${quantile(xs, 0.95)}, 99% ${quantile(xs, 0.99)}, max ${xs[xs.length - 1]}`;
    const rows: Record<string, string> = {
        set,
        recordings: String(recs.length),
        voices: String(new Set(recs.map((r) => r.voice)).size),
        "same-voice pairs (different sentences)": String(same.length),
        "distinct-voice pairs": String(distinct.length),
        [`matched at ${THRESHOLD} (same voice)`]: `${same.length - misses} (${pct(same.length - misses, same.length)})`,
        [`misses at ${THRESHOLD}`]: `${misses} (${pct(misses, same.length)})`,
        [`kept apart at ${THRESHOLD} (distinct)`]: `${distinct.length - falseMatches} (${pct(distinct.length - falseMatches, distinct.length)})`,
        [`false matches at ${THRESHOLD}`]: `${falseMatches} (${pct(falseMatches, distinct.length)})`,
        "equal error rate": `${(100 * eer).toFixed(2)}% (threshold ${at})`,
        "same-voice scores": dist(same),
        "distinct scores": dist(distinct),
        "gap (1% lowest same-voice vs 1% highest distinct)": `${quantile(same, 0.01)} vs ${quantile(distinct, 0.99)}`,
        "same-voice histogram": histogram(same),
        "distinct histogram": histogram(distinct),
        "lowest same-voice pairs": s.same
            .slice(0, 6)
            .map((x) => `${x.label} ${x.score}`)
            .join(", "),
        "highest distinct pairs": s.distinct
            .slice(0, 6)
            .map((x) => `${x.label} ${x.score}`)
            .join(", "),
        [`voice pairs with the most false matches at ${THRESHOLD}`]: confusedVoices(s.distinct),
    };
    return rows;
}

/** The voice pairs behind the false matches, most first ("a~b n": n of their 16 recording pairs). */
function confusedVoices(distinct: Pair[]): string {
    const byPair = new Map<string, number>();
    for (const { score, voices } of distinct) {
        if (score >= THRESHOLD) byPair.set(voices, (byPair.get(voices) ?? 0) + 1);
    }
    const top = [...byPair].sort((a, b) => b[1] - a[1]).slice(0, 8);
    return top.length ? `${top.map(([pair, n]) => `${pair} ${n}`).join(", ")} (of ${byPair.size} voice pairs)` : "none";
}

/** Two histograms (share of pairs per 2-point bin, log scale) with the threshold marked. */
function plot(s: Scores, file: string, title: string): void {
    const [W, H, left, right, top, bottom] = [720, 360, 60, 20, 40, 50];
    const c = new Canvas(W, H);
    const black: Rgb = [0, 0, 0];
    const same: Rgb = [30, 120, 200];
    const distinct: Rgb = [220, 80, 40];
    const plotW = W - left - right;
    const plotH = H - top - bottom;
    const bins = 50;
    const shares = (xs: { score: number }[]) => {
        const h = new Array<number>(bins).fill(0);
        for (const x of xs) h[Math.min(bins - 1, Math.floor(x.score / (100 / bins)))] += 1 / xs.length;
        return h;
    };
    // y: log10 of the share, from 1e-4 (0.01%) to 1 (100%).
    const y = (share: number) => top + plotH * (1 - (Math.log10(Math.max(share, 1e-4)) + 4) / 4);
    for (const [h, color, offset] of [
        [shares(s.distinct), distinct, 0],
        [shares(s.same), same, 0.5],
    ] as [number[], Rgb, number][]) {
        const bw = plotW / bins;
        h.forEach((share, b) => {
            if (share > 0)
                c.rect(
                    left + b * bw + offset * bw,
                    y(share),
                    left + b * bw + offset * bw + bw / 2 - 1,
                    top + plotH,
                    color,
                );
        });
    }
    c.rect(left, top, left, top + plotH, black);
    c.rect(left, top + plotH, left + plotW, top + plotH, black);
    for (let t = 0; t <= 100; t += 10) {
        const x = left + (plotW * t) / 100;
        c.rect(x, top + plotH, x, top + plotH + 5, black);
        c.text(x - (t >= 100 ? 11 : t >= 10 ? 7 : 3), top + plotH + 9, String(t), black);
    }
    for (const [share, label] of [
        [1, "100%"],
        [0.1, "10%"],
        [0.01, "1%"],
        [0.001, "0.1%"],
        [0.0001, "0.01%"],
    ] as [number, string][]) {
        c.rect(left - 5, y(share), left, y(share), black);
        c.text(left - 8 - label.length * 8, y(share) - 5, label, black);
    }
    const tx = left + (plotW * THRESHOLD) / 100;
    for (let yy = top; yy < top + plotH; yy += 6) c.rect(tx, yy, tx, yy + 3, black);
    c.text(tx + 4, top + 2, `THRESHOLD ${THRESHOLD}`, black);
    c.text(left, 10, `${title} SCORES: SAME VOICE`, same);
    c.text(left + 8 * (title.length + 21), 10, `(${s.same.length} PAIRS)`, same); // 8 px a character, two of space
    c.text(left + 360, 10, "DISTINCT", distinct);
    c.text(left + 432, 10, `(${s.distinct.length} PAIRS)`, distinct);
    c.text(left + plotW / 2 - 80, H - 20, "SIMILARITY SCORE (0-100)", black);
    fs.writeFileSync(file, c.png());
}

function main(): void {
    const dir = evalDir();
    const sets = (
        process.env.VOICEPRINT_EVAL_SETS ??
        "calibration,heldout,heldout2,heldout3,heldout4,heldout5,heldout6,heldout7,heldout8"
    ).split(",");
    console.log(
        `evaluation sets: ${dir} (${fs.readFileSync(path.join(dir, "VERSION"), "utf8").trim().split("\n").join("; ")})`,
    );
    const pooled = { same: 0, matched: 0, distinct: 0, apart: 0, sets: [] as string[] };
    for (const set of sets) {
        const t = process.cpuUsage();
        const recs = loadSet(dir, set);
        const scores = scorePairs(recs);
        const used = process.cpuUsage(t);
        const title = set.startsWith("heldout") ? set.replace("heldout", "HELD-OUT ").trim() : set;
        const rows = summarize(title, recs, scores);
        rows["CPU time (voiceprints and all pairs, s)"] = ((used.user + used.system) / 1e6).toFixed(1);
        console.log(`\n| ${set} | |\n|---|---|`);
        for (const [k, v] of Object.entries(rows)) console.log(`| ${k} | ${v} |`);
        if (set.startsWith("heldout")) {
            const file = path.join(
                process.env.VOICEPRINT_EVAL_PNG_DIR ?? path.join(repoRoot, "docs"),
                `voiceprint-${set}.png`,
            );
            plot(scores, file, title);
            console.log(`plot: ${file}`);
            pooled.sets.push(set);
            pooled.same += scores.same.length;
            pooled.matched += scores.same.filter((x) => x.score >= THRESHOLD).length;
            pooled.distinct += scores.distinct.length;
            pooled.apart += scores.distinct.filter((x) => x.score < THRESHOLD).length;
        }
    }
    if (pooled.sets.length > 1) {
        // Every pair of every held-out set scored, counted once: no set's size is re-weighted.
        console.log(`\n| held-out sets pooled (${pooled.sets.join(", ")}) | |\n|---|---|`);
        console.log(
            `| matched at ${THRESHOLD} (same voice) | ${pooled.matched} of ${pooled.same} (${pct(pooled.matched, pooled.same)}) |`,
        );
        console.log(
            `| kept apart at ${THRESHOLD} (distinct) | ${pooled.apart} of ${pooled.distinct} (${pct(pooled.apart, pooled.distinct)}) |`,
        );
    }
}

if (require.main === module) main();
