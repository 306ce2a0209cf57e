/**
 * Voiceprints: a small, explainable speaker model, not a neural embedding. This module is the
 * whole speaker model of the emulator: `computeVoiceprint` (audio -> voiceprint),
 * `voiceprintDistance` and `similarity` (two voiceprints -> 0-100). A real speaker-embedding
 * model could replace it behind the same three functions (see emulator/README.md).
 *
 * Features (speechFrames.ts), from the telephone band (300-3400 Hz) with the
 * background noise subtracted and masked (v5): per 10 ms step of speech, the pitch and, for voiced
 * frames, 20 mel cepstral coefficients of the spectral envelope (the vocal tract's resonances,
 * not the pitch harmonics, not the loudness) and, for steady voiced frames (vowel nuclei), the
 * formants F1-F4 and their bandwidths from the roots of an LPC polynomial.
 *
 * The voiceprint keeps three views of the voiced frames:
 *  - their statistics: mean and covariance of the cepstra (a Gaussian of the speaker's spectral
 *    envelopes) and the median pitch;
 *  - a sample of the frames themselves (at most 100), for frame-level matching
 *    (frameMatching.ts): the same voice renders a sound the other recording also has
 *    almost identically, another voice differs systematically;
 *  - long-term formant statistics (formants.ts): F3, F4 and the bandwidths regressed
 *    on F1 and F2, so that two voices are compared at the same vowel quality.
 * Distance: a weighted sum of the Mahalanobis distance of the two means under the pooled
 * covariance (plus a pitch term beyond 1.5 semitones of median-pitch difference), the three
 * frame-level measures (nearest-neighbour distance, systematic bias, formant warp) and the
 * formant statistics' distance (since v5 the frame-level measures do not count: they explain a
 * score, see `distanceTerms`; a score reads only a voiceprint's `SearchFeatures`, which a search
 * stores per fraudster). A calibrated logistic maps the distance to 0-100; the weights,
 * the calibration and the measured separation are in emulator/README.md and
 * tests/unit/emulator/voiceprint.test.ts.
 * @module
 */

import { CEPSTRA, HOP, SAMPLE_RATE, speechFrames } from "./speechFrames";
import { keepFrames, matchedDifferences, nearestFrames, selfSpread } from "./frameMatching";
import { formantDistance, formantStats, type FormantStats, type FrameFormants } from "./formants";

export { fft } from "./speechFrames";

export interface Voiceprint {
    /** Format version; voiceprints of another version score 0 against this one. */
    v: 5;
    /** Mean mel cepstrum c1..c20 over voiced speech frames. */
    mean: number[];
    /** Their covariance, upper triangle row by row (210 values). */
    cov: number[];
    /** Median pitch of voiced frames, in semitones above 55 Hz; null when no voiced frame. */
    pitch: number | null;
    /** Seconds of speech (frames kept by the energy gate, voiced or not). */
    speechSeconds: number;
    /**
     * Sample of the voiced frames' cepstra (every second frame, at most 100, evenly spaced):
     * base64 of little-endian 16-bit integers, 100 x the coefficient, 20 per frame.
     */
    frames: string;
    /** How loosely those frames match one another (the frame matching's normalization). */
    spread: number;
    /** Long-term formant statistics of the steady voiced frames (formants.ts); null when too few. */
    formants: FormantStats | null;
}

const DIM = CEPSTRA;
const QUANTUM = 100;

function encodeFrames(frames: Float64Array): string {
    const bytes = Buffer.alloc(2 * frames.length);
    for (let i = 0; i < frames.length; i++)
        bytes.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(frames[i] * QUANTUM))), 2 * i);
    return bytes.toString("base64");
}

function decodeFrames(encoded: string): Float64Array {
    const bytes = Buffer.from(encoded, "base64");
    const out = new Float64Array(bytes.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(2 * i) / QUANTUM;
    return out;
}

/**
 * Computes the voiceprint of one or more recordings (8 kHz float samples) of one speaker.
 * At most `maxSecondsPerInput` of each input are analyzed (bounds CPU per request).
 */
export function computeVoiceprint(inputs: Float32Array[], maxSecondsPerInput = 120): Voiceprint {
    const voiced: Float64Array[] = [];
    const f0s: number[] = [];
    const steady: FrameFormants[] = [];
    let speech = 0;
    for (const samples of inputs) {
        for (const f of speechFrames(samples.subarray(0, Math.min(samples.length, maxSecondsPerInput * SAMPLE_RATE)))) {
            speech++;
            if (f.f0 === null || f.mfcc === null) continue;
            voiced.push(f.mfcc);
            f0s.push(f.f0);
            if (f.formants) steady.push(f.formants);
        }
    }
    const mean = new Array<number>(DIM).fill(0);
    for (const f of voiced) for (let i = 0; i < DIM; i++) mean[i] += f[i] / voiced.length;
    const cov: number[] = [];
    for (let i = 0; i < DIM; i++) {
        for (let j = i; j < DIM; j++) {
            let s = 0;
            for (const f of voiced) s += (f[i] - mean[i]) * (f[j] - mean[j]);
            cov.push(voiced.length > 1 ? s / (voiced.length - 1) : 0);
        }
    }
    f0s.sort((a, b) => a - b);
    const pitch = f0s.length >= 5 ? 12 * Math.log2(f0s[Math.floor(f0s.length / 2)] / 55) : null;
    const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
    const frames = encodeFrames(keepFrames(voiced));
    const formants = formantStats(steady);
    return {
        v: 5,
        mean: mean.map((x) => round(x, 4)),
        cov: cov.map((x) => round(x, 5)),
        pitch: pitch === null ? null : round(pitch, 3),
        speechSeconds: (speech * HOP) / SAMPLE_RATE,
        frames,
        spread: round(selfSpread(decodeFrames(frames)), 5),
        formants: formants && {
            center: [round(formants.center[0], 5), round(formants.center[1], 5)],
            coef: formants.coef.map((c) => c.map((x) => round(x, 5))),
            spread: formants.spread.map((x) => round(x, 5)),
            frames: formants.frames,
        },
    };
}

/** Solves (A)x = b for a symmetric positive-definite A (Cholesky); A is regularized first. */
function solveSpd(a: Float64Array, b: Float64Array): Float64Array {
    const n = b.length;
    const l = new Float64Array(n * n);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    const ridge = (1e-3 * trace) / n; // keeps a voice with little variety in some direction finite
    for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
            let s = a[i * n + j] + (i === j ? ridge : 0);
            for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
            l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * n + j];
        }
    }
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        let s = b[i];
        for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
        y[i] = s / l[i * n + i];
    }
    const x = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
        let s = y[i];
        for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
        x[i] = s / l[i * n + i];
    }
    return x;
}

/** Semitones of median-pitch difference that intonation alone explains. */
const PITCH_TOLERANCE = 1.5;
/** Distance per semitone beyond the tolerance. */
const PITCH_WEIGHT = 0.5;

/**
 * Exactly what the score reads of a voiceprint (the cepstral statistics, the median pitch and the
 * formant statistics), without the frame sample that only explains a score: what a search
 * stores per fraudster (`encodeSearchFeatures`) so that it never parses a whole voiceprint.
 * null: a voiceprint that scores 0 against any other (another version, no voiced speech).
 */
export interface SearchFeatures {
    pitch: number;
    /** Mean cepstrum (DIM values). Float64Arrays both, so that the comparison's loops see one type. */
    mean: Float64Array;
    /** Covariance, upper triangle row by row. */
    cov: Float64Array;
    formants: FormantStats | null;
}

/**
 * The search features of a voiceprint, or null when it cannot be compared (it scores 0):
 * another format, or no voiced speech (nothing of a vocal tract to compare).
 */
export function searchFeatures(v: Voiceprint): SearchFeatures | null {
    if (v.v !== 5 || v.pitch === null || !(v.frames.length > 0)) return null;
    return { pitch: v.pitch, mean: new Float64Array(v.mean), cov: new Float64Array(v.cov), formants: v.formants };
}

/** Doubles in the stored features before the formant statistics: pitch, mean, covariance. */
const FEATURES_HEAD = 1 + DIM + (DIM * (DIM + 1)) / 2;
/** Doubles of the formant statistics: center (2), coef (6 x 3), spread (6), frames. */
const FORMANT_DOUBLES = 2 + 18 + 6 + 1;

/**
 * The features as stored: little-endian float64s (the same doubles as the voiceprint's JSON, so
 * the scores are identical), pitch, mean, covariance, then the formant statistics when present;
 * empty when the voiceprint cannot be compared. 2,064 bytes (1,848 without formant statistics)
 * instead of the voiceprint's 7.6 KB of JSON.
 */
export function encodeSearchFeatures(v: Voiceprint): Uint8Array {
    const f = searchFeatures(v);
    if (!f) return new Uint8Array(0);
    const x = new Float64Array(FEATURES_HEAD + (f.formants ? FORMANT_DOUBLES : 0));
    x[0] = f.pitch;
    x.set(f.mean, 1);
    x.set(f.cov, 1 + DIM);
    if (f.formants)
        x.set(
            [...f.formants.center, ...f.formants.coef.flat(), ...f.formants.spread, f.formants.frames],
            FEATURES_HEAD,
        );
    const bytes = Buffer.alloc(8 * x.length);
    x.forEach((d, i) => bytes.writeDoubleLE(d, 8 * i));
    return bytes;
}

/** Whether this machine stores doubles little-endian, as the stored features are (every platform Node supports is). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Reads what `encodeSearchFeatures` wrote (null: scores 0, also for a missing or malformed value). */
export function decodeSearchFeatures(stored: Uint8Array | null | undefined): SearchFeatures | null {
    if (!stored || (stored.length !== 8 * FEATURES_HEAD && stored.length !== 8 * (FEATURES_HEAD + FORMANT_DOUBLES)))
        return null;
    let x: Float64Array;
    if (LITTLE_ENDIAN) {
        x = new Float64Array(stored.slice().buffer); // a copy, aligned: one memcpy, no per-value read
    } else {
        const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
        x = new Float64Array(stored.length / 8);
        for (let i = 0; i < x.length; i++) x[i] = bytes.readDoubleLE(8 * i);
    }
    const at = (i: number, n: number) => Array.from(x.subarray(FEATURES_HEAD + i, FEATURES_HEAD + i + n));
    const formants: FormantStats | null =
        x.length > FEATURES_HEAD
            ? {
                  center: at(0, 2) as [number, number],
                  coef: [0, 1, 2, 3, 4, 5].map((k) => at(2 + 3 * k, 3)),
                  spread: at(20, 6),
                  frames: x[FEATURES_HEAD + 26],
              }
            : null;
    return { pitch: x[0], mean: x.subarray(1, 1 + DIM), cov: x.subarray(1 + DIM, FEATURES_HEAD), formants };
}

/** Mahalanobis distance of the means under the pooled covariance, plus the pitch term. */
function statisticsDistance(a: SearchFeatures, b: SearchFeatures): number {
    const pooled = new Float64Array(DIM * DIM);
    for (let i = 0, p = 0; i < DIM; i++) {
        for (let j = i; j < DIM; j++, p++) pooled[i * DIM + j] = pooled[j * DIM + i] = (a.cov[p] + b.cov[p]) / 2;
    }
    const diff = Float64Array.from({ length: DIM }, (_, i) => a.mean[i] - b.mean[i]);
    const x = solveSpd(pooled, diff);
    let m2 = 0;
    for (let i = 0; i < DIM; i++) m2 += diff[i] * x[i];
    return Math.sqrt(Math.max(0, m2)) + PITCH_WEIGHT * Math.max(0, Math.abs(a.pitch - b.pitch) - PITCH_TOLERANCE);
}

/** The measures a comparison adds up (see emulator/README.md). */
export interface DistanceTerms {
    /** Mahalanobis distance of the cepstral means, plus the pitch term. */
    statistics: number;
    /** Nearest-neighbour distance of the frames beyond each voice's own spread (may be negative). */
    nearest: number;
    /** Systematic difference of matched frames. */
    bias: number;
    /** Formant shift between matched frames (0.03 = 3%). */
    warp: number;
    /** Difference of the long-term formant statistics (about 1 for one voice; 0 when either has none). */
    formants: number;
}

/**
 * Weight of each term in the distance (a global calibration, see emulator/README.md). Since v5
 * only the statistics and the formants count: with the frame-level terms the calibration gained
 * little (equal error rates 1.0% and 2.3% instead of 1.2% and 3.1%) for 25 times the cost of a
 * comparison; `distanceTerms` still computes those, to explain a score. Counting them again would
 * need the frame sample in `SearchFeatures`.
 */
const WEIGHTS = { statistics: 1.5, formants: 0.8 };
/** The distance: the weighted terms, at least 0 (identical audio matches itself more closely than its own frames do). */
const weighted = (t: Pick<DistanceTerms, "statistics" | "formants">) =>
    Math.max(0, WEIGHTS.statistics * t.statistics + WEIGHTS.formants * t.formants);

/** The terms that count, from the search features (the one place a score is computed). */
function countedTerms(a: SearchFeatures, b: SearchFeatures): Pick<DistanceTerms, "statistics" | "formants"> {
    return {
        statistics: statisticsDistance(a, b),
        formants: a.formants && b.formants ? formantDistance(a.formants, b.formants) : 0,
    };
}

/** The terms of the distance; null when the voiceprints cannot be compared. */
export function distanceTerms(a: Voiceprint, b: Voiceprint): DistanceTerms | null {
    const fa = searchFeatures(a);
    const fb = searchFeatures(b);
    if (!fa || !fb) return null;
    // The frame-level terms, computed in a fixed order of the two voiceprints (exactly symmetric).
    const [x, y] = a.frames <= b.frames ? [a, b] : [b, a];
    const fx = decodeFrames(x.frames);
    const fy = decodeFrames(y.frames);
    const match = nearestFrames(fx, x.spread, fy, y.spread);
    return { ...countedTerms(fa, fb), nearest: match.nearest, ...matchedDifferences(fx, fy, match) };
}

/** Distance between two voiceprints (0 = identical; Infinity when they cannot be compared). */
export function voiceprintDistance(a: Voiceprint, b: Voiceprint): number {
    const fa = searchFeatures(a);
    const fb = searchFeatures(b);
    return fa && fb ? weighted(countedTerms(fa, fb)) : Infinity;
}

/** Distance at which the score is 50, and the logistic's width (see emulator/README.md). */
const MIDPOINT = 9.42;
const WIDTH = 3.18;
const AT_ZERO = 1 / (1 + Math.exp(-MIDPOINT / WIDTH));
const score = (d: number) => Math.round((100 * (1 / (1 + Math.exp((d - MIDPOINT) / WIDTH)))) / AT_ZERO);

/** Similarity of two voiceprints' search features, an integer 0-100 (null: cannot be compared, 0). */
export function similarityOfFeatures(a: SearchFeatures | null, b: SearchFeatures | null): number {
    return a && b ? score(weighted(countedTerms(a, b))) : 0;
}

/**
 * An upper bound of `similarityOfFeatures(a, decodeSearchFeatures(stored))` from the stored
 * features' pitch alone (their first double, nothing decoded): the distance is the pitch term
 * plus terms that are never negative, and the score falls as the distance grows, so a score can
 * be no higher than the pitch term's alone, computed here with the same operations. A search
 * skips a fraudster whose bound does not beat its best match so far (voices an octave apart,
 * say): exact, the best match is the one a full scan finds. 100 (no bound) for stored features
 * that cannot be read; those score 0 anyway.
 */
export function similarityBound(a: SearchFeatures, stored: Uint8Array | null | undefined): number {
    if (!stored || (stored.length !== 8 * FEATURES_HEAD && stored.length !== 8 * (FEATURES_HEAD + FORMANT_DOUBLES)))
        return 100;
    const pitch = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).readDoubleLE(0);
    return score(
        weighted({ statistics: PITCH_WEIGHT * Math.max(0, Math.abs(a.pitch - pitch) - PITCH_TOLERANCE), formants: 0 }),
    );
}

/** Similarity of two voiceprints, an integer 0-100 (100 = identical): the score of their search features. */
export function similarity(a: Voiceprint, b: Voiceprint): number {
    return similarityOfFeatures(searchFeatures(a), searchFeatures(b));
}
