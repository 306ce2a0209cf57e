import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULTS } from "../../../../emulator/config";
import {
    computeVoiceprint,
    decodeSearchFeatures,
    encodeSearchFeatures,
    searchFeatures,
    similarity,
    similarityOfFeatures,
    type Voiceprint,
    VOICEPRINT_VERSION,
} from "../../../../emulator/voice/voiceprint";
import { embeddingDims, modelCheck, scoreOfCosine, speakerEmbedding } from "../../../../emulator/voice/speakerModel";
import { parseWav } from "../../../../emulator/wav";
import { speaker, utterance, type Speaker } from "../../../../emulator/voices";
import { repoRoot } from "../../../support/repo";

const THRESHOLD = DEFAULTS.defaultSimilarityThreshold;

interface Recording {
    voice: string;
    print: Voiceprint;
}

interface Separation {
    pairs: number;
    falseMatches: string[];
    sameTried: number;
    misses: string[];
    distinctScores: number[];
    sameScores: number[];
}

/** Every pair of recordings: distinct voices must score below `threshold`, one voice at or above. */
function separation(recordings: Recording[], threshold = THRESHOLD): Separation {
    const out: Separation = {
        pairs: 0,
        falseMatches: [],
        sameTried: 0,
        misses: [],
        distinctScores: [],
        sameScores: [],
    };
    for (let i = 0; i < recordings.length; i++) {
        for (let j = i + 1; j < recordings.length; j++) {
            const [a, b] = [recordings[i], recordings[j]];
            const score = similarity(a.print, b.print);
            const label = `${a.voice}~${b.voice}: ${score}`;
            if (a.voice === b.voice) {
                out.sameTried++;
                out.sameScores.push(score);
                if (score < threshold) out.misses.push(label);
            } else {
                out.pairs++;
                out.distinctScores.push(score);
                if (score >= threshold) out.falseMatches.push(label);
            }
        }
    }
    return out;
}

/** Prints the figures: pairs tried, false matches, misses, score distribution, other thresholds. */
function report(title: string, s: Separation): void {
    const histogram = (xs: number[]) => {
        const bins = new Array<number>(10).fill(0);
        for (const x of xs) bins[Math.min(9, Math.floor(x / 10))]++;
        return bins.map((n, i) => `${i * 10}-${i === 9 ? 100 : i * 10 + 9}:${n}`).join(" ");
    };
    const at = (t: number) =>
        `${t}: ${s.distinctScores.filter((x) => x >= t).length} false / ${s.sameScores.filter((x) => x < t).length} missed`;
    console.log(`      ${title}`);
    console.log(
        `        threshold ${THRESHOLD}: ${s.pairs} distinct pairs, ${s.falseMatches.length} false matches; ${s.sameTried} same-voice pairs, ${s.misses.length} misses`,
    );
    console.log(
        `        margin: highest distinct score ${Math.max(...s.distinctScores)}, lowest same-voice score ${Math.min(...s.sameScores)}`,
    );
    console.log(`        distinct scores ${histogram(s.distinctScores)}`);
    console.log(`        same-voice scores ${histogram(s.sameScores)}`);
    console.log(`        other thresholds ${[50, 60, 80, 90, 95].map(at).join("; ")}`);
    if (s.falseMatches.length) {
        const voicePairs = new Set(s.falseMatches.map((m) => m.split(":")[0]));
        console.log(`        false matches (${voicePairs.size} voice pairs): ${s.falseMatches.join(", ")}`);
    }
    if (s.misses.length) console.log(`        misses: ${s.misses.join(", ")}`);
}

const synthetic = (sp: Speaker, seeds: number[], seconds = 3): Recording[] =>
    seeds.map((u) => ({ voice: `speaker-${sp.id}`, print: computeVoiceprint([utterance(sp, u, { seconds })]) }));

describe("emulator voiceprint", function () {
    this.timeout(120_000); // hundreds of voiceprints: seconds on a busy machine
    it("separates text-to-speech voices the project did not generate (espeak-ng fixtures)", () => {
        const dir = path.join(repoRoot, "tests", "fixtures", "voices");
        const files = fs
            .readdirSync(dir)
            .filter((f) => f.endsWith(".wav"))
            .sort();
        assert.ok(files.length >= 51, `fixtures in ${dir}: ${files.length}`);
        const recordings = files.map((f) => ({
            voice: f.replace(/-\d+\.wav$/, ""),
            print: computeVoiceprint([parseWav(fs.readFileSync(path.join(dir, f))).channel(0)]),
        }));
        const s = separation(recordings);
        report(
            `espeak-ng (${fs.readFileSync(path.join(dir, "VERSION"), "utf8").trim()}), ${new Set(recordings.map((r) => r.voice)).size} voices x 3 sentences`,
            s,
        );
        // The third sentence of each voice is one no voice reads for its first two: a voice must
        // match itself on words its other recordings do not share.
        assert.equal(s.sameTried, 51);
        // Since v7 (issue 25) the score is a speaker embedding trained on synthetic calls of 5-7 s
        // (other voices, sentences, rates, pitches, noise and the telephone channel;
        // scripts/train-voiceprint.sh) and measured on held-out sets (tests/bench/voiceprint-eval.ts).
        // These 3 s wideband clips are shorter than anything it was trained on, and several
        // variants of one espeak-ng base voice differ by 1-4% of formant frequency at the same
        // pitch (en and m1-m7; f2 and f5 share their formants). Measured with v10: 3 misses of 51
        // (fr-annie, three times) and 54 false matches of 1,224 (4.4%; v9: 3 and 58, v8: 5 and 53,
        // v7: 4 and 76, v5: 9 and 46). The bounds guard against regressions; the held-out
        // benchmark is the measure of quality.
        assert.ok(s.misses.length <= 3, `misses: ${s.misses.length}`);
        assert.ok(s.falseMatches.length <= 54, `false matches: ${s.falseMatches.length}`);
        // Distinct voices that do not share a base voice (other languages, male against female)
        // match rarely and barely: measured with v10, three matches in two pairs, en-f5~en-m6 at 71
        // and en-m7~it-m8 at 72 and 73 (v9: one, en~es-alex at 71; v8: none; v7: two pairs at
        // exactly 70, de-andy~en-m4 and en-m7~it-m8).
        const family = (v: string) => (v.startsWith("en-f") ? "en-f" : v.startsWith("en") ? "en-m" : v);
        const across = s.falseMatches.filter((m) => {
            const [a, b] = m.split(":")[0].split("~");
            return family(a) !== family(b);
        });
        assert.ok(across.length <= 3, across.join(", "));
        assert.ok(new Set(across.map((m) => m.split(":")[0])).size <= 2, across.join(", "));
        for (const m of across) assert.ok(Number(m.split(": ")[1]) <= THRESHOLD + 3, m);
        // All but one voice (fr-annie, measured) match at least one of their other recordings, and
        // the same-voice median is above the threshold.
        const voices = new Set(recordings.map((r) => r.voice));
        const missedEvery = [...voices].filter((v) => s.misses.filter((m) => m.startsWith(`${v}~`)).length === 3);
        assert.ok(missedEvery.length <= 1, `voices missed on every pair: ${missedEvery.join(", ")}`);
        assert.ok([...s.sameScores].sort((a, b) => a - b)[25] >= THRESHOLD);
        // Scores are spread: raising the threshold from 50 to 95 changes the outcome.
        assert.ok(s.distinctScores.filter((x) => x >= 50).length > s.distinctScores.filter((x) => x >= 70).length);
        assert.ok(s.sameScores.filter((x) => x < 95).length > 0);
    });

    it("matches a voice through a telephone channel and 20 dB of noise", () => {
        // The same speaker, other words: one recording wideband and clean, the other band-limited
        // (two biquads, 300-3400 Hz), through 8-bit mu-law and with white noise 20 dB below its RMS.
        const telephone = (x: Float32Array, seed: number): Float32Array => {
            const biquad = (input: Float32Array, f: number, high: boolean) => {
                const w = (2 * Math.PI * f) / 8000;
                const alpha = Math.sin(w) / Math.SQRT2;
                const cos = Math.cos(w);
                const b = high ? [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2] : [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
                const a = [1 + alpha, -2 * cos, 1 - alpha];
                const out = new Float32Array(input.length);
                for (let n = 0; n < input.length; n++) {
                    out[n] =
                        (b[0] * input[n] +
                            b[1] * (input[n - 1] ?? 0) +
                            b[2] * (input[n - 2] ?? 0) -
                            a[1] * (out[n - 1] ?? 0) -
                            a[2] * (out[n - 2] ?? 0)) /
                        a[0];
                }
                return out;
            };
            const band = biquad(biquad(x, 300, true), 3400, false);
            const rms = Math.sqrt(band.reduce((s, v) => s + v * v, 0) / band.length);
            let r = seed;
            const noise = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * Math.sqrt(12);
            const mu = 255;
            return band.map((v) => {
                const y = Math.max(-1, Math.min(1, v + 0.1 * rms * noise()));
                const q = Math.round(((Math.sign(y) * Math.log1p(mu * Math.abs(y))) / Math.log1p(mu)) * 127) / 127; // 8 bits
                return (Math.sign(q) * ((1 + mu) ** Math.abs(q) - 1)) / mu;
            });
        };
        for (const id of [1, 8, 15]) {
            const wide = computeVoiceprint([utterance(speaker(id), 1, { seconds: 5 })]);
            const phone = computeVoiceprint([telephone(utterance(speaker(id), 2, { seconds: 5 }), id)]);
            const other = computeVoiceprint([telephone(utterance(speaker(id + 1), 2, { seconds: 5 }), id)]);
            assert.ok(
                similarity(wide, phone) >= THRESHOLD,
                `speaker ${id} through the telephone: ${similarity(wide, phone)}`,
            );
            assert.ok(
                similarity(wide, other) < THRESHOLD,
                `speaker ${id} against ${id + 1} through the telephone: ${similarity(wide, other)}`,
            );
        }
    });

    it("separates 20 synthetic speakers and matches their other utterances", () => {
        const recordings = Array.from({ length: 20 }, (_, id) => synthetic(speaker(id), [1, 2, 3])).flat();
        const s = separation(recordings);
        report("pulumi-voiceid/voices, speakers 0-19 x 3 utterances of 3 s", s);
        // The model has learned that a voice's pitch moves (the held-out sets read one voice up to
        // 6.5 semitones apart): generator speakers with nearly the same vocal tract and a few
        // semitones of pitch between them can be close. Measured with v10 on these 3 s clips: no
        // false match of 1,710, the highest distinct pair at 64 (v9: 5, all 6~17 (vocal-tract
        // factors 0.881 and 0.881, 108 and 86 Hz), at 71-75; v8: 6 at 70-73; v7: 28 in 5 pairs);
        // every same-voice pair matches, the lowest at 84 (v9: 88).
        assert.deepEqual(s.falseMatches, []);
        assert.ok(Math.max(...s.distinctScores) <= 66, `highest distinct score ${Math.max(...s.distinctScores)}`);
        assert.deepEqual(s.misses, []);
        assert.ok(Math.min(...s.sameScores) >= 82, `lowest same-voice score ${Math.min(...s.sameScores)}`);
        const longer = Array.from({ length: 20 }, (_, id) => synthetic(speaker(id), [1, 2], 5)).flat();
        assert.deepEqual(separation(longer).misses, [], "5 s utterances");
    });

    it("separates synthetic speakers with the same pitch and different vocal tracts", () => {
        const base = speaker(3);
        const recordings = [0.88, 0.94, 1.0, 1.06, 1.12]
            .map((scale, i) => synthetic({ ...base, id: 100 + i, f0: 120, formantScale: scale }, [1, 2, 3]))
            .flat();
        const s = separation(recordings);
        report("same pitch (120 Hz), vocal-tract factor 0.88-1.12 in steps of 0.06", s);
        assert.deepEqual(s.falseMatches, []);
        assert.deepEqual(s.misses, []);
    });

    it("is symmetric, 100 for identical audio, and loudness-independent", () => {
        const x = utterance(speaker(2), 5, { seconds: 4 });
        const quiet = x.map((v) => v * 0.2);
        const a = computeVoiceprint([x]);
        const b = computeVoiceprint([utterance(speaker(4), 2, { seconds: 4 })]);
        assert.equal(similarity(a, computeVoiceprint([x])), 100);
        assert.ok(similarity(a, computeVoiceprint([quiet])) >= 95);
        assert.equal(similarity(a, b), similarity(b, a));
    });

    it("combines several recordings of one request", () => {
        const two = computeVoiceprint([
            utterance(speaker(6), 10, { seconds: 2 }),
            utterance(speaker(6), 11, { seconds: 2 }),
        ]);
        const one = computeVoiceprint([utterance(speaker(6), 1, { seconds: 4 })]);
        assert.ok(similarity(two, one) >= THRESHOLD, `${similarity(two, one)}`);
        assert.ok(two.speechSeconds > 2);
    });

    it("reports no speech for silence and scores it 0 against a voice", () => {
        const silent = computeVoiceprint([new Float32Array(8000 * 2)]);
        assert.equal(silent.pitch, null);
        assert.equal(similarity(silent, computeVoiceprint([utterance(speaker(1), 1, { seconds: 3 })])), 0);
        assert.equal(similarity(silent, silent), 0, "two recordings without voiced speech are not the same voice");
    });

    it("scores voiceprints of an older format 0 instead of guessing", () => {
        const current = computeVoiceprint([utterance(speaker(1), 1, { seconds: 3 })]);
        const statistics = { mean: new Array(20).fill(0.5), cov: new Array(210).fill(0.1) };
        const older = [
            { v: 2, lpcc: new Array(12).fill(0), pitch: current.pitch, speechSeconds: 3 },
            { v: 3, ...statistics, pitch: current.pitch, speechSeconds: 3 },
            // v4 and v5 (before the speaker model): statistics, frames and formants, no embedding.
            { v: 5, ...statistics, pitch: current.pitch, speechSeconds: 3, frames: "AAAA", spread: 1, formants: null },
            // An embedding under another version number is not read as this one's.
            { ...current, v: 5 },
            // v8's 120-value and v9's 150-value embeddings, of other models.
            { ...current, v: 8, embedding: current.embedding!.slice(0, 120) },
            { ...current, v: 9, embedding: current.embedding!.slice(0, 150) },
        ] as unknown as Voiceprint[];
        for (const old of older) {
            assert.equal(similarity(current, old), 0, `v${old.v}`);
            assert.equal(similarity(old, old), 0, `v${old.v} against itself`);
        }
    });

    it("scores from the stored search features exactly what it scores from the voiceprints", () => {
        const dir = path.join(repoRoot, "tests", "fixtures", "voices");
        const files = fs
            .readdirSync(dir)
            .filter((f) => f.endsWith(".wav"))
            .sort();
        const prints = files.map((f) => computeVoiceprint([parseWav(fs.readFileSync(path.join(dir, f))).channel(0)]));
        // As a fraudster stores them: from the voiceprint's JSON, encoded, read back.
        const json = prints.map((p) => JSON.parse(JSON.stringify(p)) as Voiceprint);
        const stored = json.map((p) => decodeSearchFeatures(encodeSearchFeatures(p)));
        const full: number[] = [];
        const fromFeatures: number[] = [];
        for (let i = 0; i < prints.length; i++) {
            assert.deepEqual(
                Array.from(stored[i]!.embedding),
                Array.from(searchFeatures(json[i])!.embedding),
                files[i],
            );
            for (let j = i + 1; j < prints.length; j++) {
                full.push(similarity(prints[i], prints[j]));
                fromFeatures.push(similarityOfFeatures(stored[i], stored[j]));
            }
        }
        assert.deepEqual(fromFeatures, full);
        assert.ok(full.filter((s) => s > 0).length > 1000, "the pairs compared are mostly not 0");
        assert.equal(
            encodeSearchFeatures(prints[0]).length,
            8 * (1 + embeddingDims()),
            "the version and the embedding, as doubles",
        );
        assert.ok(JSON.stringify(prints[0]).length < 2_100, `${JSON.stringify(prints[0]).length} bytes of JSON`);
    });

    it("stores no search features for a voiceprint that cannot be compared", () => {
        const current = computeVoiceprint([utterance(speaker(1), 1, { seconds: 3 })]);
        const silent = computeVoiceprint([new Float32Array(8000 * 2)]);
        assert.equal(silent.embedding, null);
        const v5 = {
            v: 5,
            mean: new Array(20).fill(0),
            cov: new Array(210).fill(0),
            pitch: 20,
        } as unknown as Voiceprint;
        const short = { ...current, embedding: current.embedding!.slice(1) };
        for (const v of [silent, v5, short, { ...current, v: 5 } as unknown as Voiceprint]) {
            assert.equal(encodeSearchFeatures(v).length, 0);
            assert.equal(decodeSearchFeatures(encodeSearchFeatures(v)), null);
            assert.equal(
                similarityOfFeatures(searchFeatures(current), decodeSearchFeatures(encodeSearchFeatures(v))),
                0,
            );
        }
        assert.equal(decodeSearchFeatures(null), null);
        assert.equal(decodeSearchFeatures(new Uint8Array(16)), null, "a malformed value scores 0");
        assert.equal(decodeSearchFeatures(new Uint8Array(2064)), null, "v5's stored features score 0");
        // v7 stored its 60-value embedding without a version: another model's, never read as this one's.
        const v7 = Buffer.alloc(8 * 60);
        current.embedding!.slice(0, 60).forEach((x, i) => v7.writeDoubleLE(x, 8 * i));
        assert.equal(decodeSearchFeatures(v7), null, "v7's stored features score 0");
        const otherVersion = Buffer.from(encodeSearchFeatures(current));
        otherVersion.writeDoubleLE(VOICEPRINT_VERSION - 1, 0);
        assert.equal(decodeSearchFeatures(otherVersion), null, "features stored by another version score 0");
        assert.ok(decodeSearchFeatures(encodeSearchFeatures(current)), "this version's are read");
    });

    it("computes the embedding the trainer computed for the model's check frames", () => {
        // speakerModelData.ts carries 60 frame vectors and their embedding as numpy computed it
        // (scripts/voicelab/train_voiceprint.py): the TypeScript port must agree.
        const check = modelCheck();
        assert.equal(check.frames.length, 60);
        const embedding = speakerEmbedding(check.frames)!;
        assert.equal(embedding.length, check.embedding.length);
        const worst = Math.max(...check.embedding.map((x, i) => Math.abs(x - embedding[i])));
        assert.ok(worst < 1e-5, `largest difference ${worst}`);
        // And the score curve: 100 at cosine 1, rising with the cosine.
        assert.equal(scoreOfCosine(1), 100);
        assert.ok(scoreOfCosine(0.5) < scoreOfCosine(0.8));
    });
});
