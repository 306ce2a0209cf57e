// Voiceprints: a small, explainable speaker model, not a neural embedding. This module is the
// whole speaker model of the emulator: `computeVoiceprint` (audio -> voiceprint),
// `voiceprintDistance` and `similarity` (two voiceprints -> 0-100). A real speaker-embedding
// model could replace it behind the same three functions (see emulator/README.md).
//
// Features (emulator/speechFrames.ts), from the telephone band (300-3400 Hz) with the
// background noise subtracted and masked (v5): per 10 ms step of speech, the pitch and, for voiced
// frames, 20 mel cepstral coefficients of the spectral envelope (the vocal tract's resonances,
// not the pitch harmonics, not the loudness) and, for steady voiced frames (vowel nuclei), the
// formants F1-F4 and their bandwidths from the roots of an LPC polynomial.
//
// The voiceprint keeps three views of the voiced frames:
//  - their statistics: mean and covariance of the cepstra (a Gaussian of the speaker's spectral
//    envelopes) and the median pitch;
//  - a sample of the frames themselves (at most 100), for frame-level matching
//    (emulator/frameMatching.ts): the same voice renders a sound the other recording also has
//    almost identically, another voice differs systematically;
//  - long-term formant statistics (emulator/formants.ts): F3, F4 and the bandwidths regressed
//    on F1 and F2, so that two voices are compared at the same vowel quality.
// Distance: a weighted sum of the Mahalanobis distance of the two means under the pooled
// covariance (plus a pitch term beyond 1.5 semitones of median-pitch difference), the three
// frame-level measures (nearest-neighbour distance, systematic bias, formant warp) and the
// formant statistics' distance (since v5 the frame-level measures have weight 0: they explain a
// score, see `distanceTerms`). A calibrated logistic maps the distance to 0-100; the weights,
// the calibration and the measured separation are in emulator/README.md and
// tests/unit/emulator/voiceprint.test.ts.

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
  /** Long-term formant statistics of the steady voiced frames (emulator/formants.ts); null when too few. */
  formants: FormantStats | null;
}

const DIM = CEPSTRA;
const QUANTUM = 100;

function encodeFrames(frames: Float64Array): string {
  const bytes = Buffer.alloc(2 * frames.length);
  for (let i = 0; i < frames.length; i++) bytes.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(frames[i] * QUANTUM))), 2 * i);
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

const comparable = (a: Voiceprint, b: Voiceprint) => a.v === 5 && b.v === 5 && a.pitch !== null && b.pitch !== null && a.frames.length > 0 && b.frames.length > 0;

/** Mahalanobis distance of the means under the pooled covariance, plus the pitch term. */
function statisticsDistance(a: Voiceprint, b: Voiceprint): number {
  const pooled = new Float64Array(DIM * DIM);
  for (let i = 0, p = 0; i < DIM; i++) {
    for (let j = i; j < DIM; j++, p++) pooled[i * DIM + j] = pooled[j * DIM + i] = (a.cov[p] + b.cov[p]) / 2;
  }
  const diff = Float64Array.from({ length: DIM }, (_, i) => a.mean[i] - b.mean[i]);
  const x = solveSpd(pooled, diff);
  let m2 = 0;
  for (let i = 0; i < DIM; i++) m2 += diff[i] * x[i];
  return Math.sqrt(Math.max(0, m2)) + PITCH_WEIGHT * Math.max(0, Math.abs((a.pitch ?? 0) - (b.pitch ?? 0)) - PITCH_TOLERANCE);
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

/** Weight of each term in the distance (a global calibration, see emulator/README.md). */
const WEIGHTS: DistanceTerms = { statistics: 1.5, nearest: 0, bias: 0, warp: 0, formants: 0.8 };
/**
 * Whether the frame-level terms count. Since v5 they do not: with them the calibration gained
 * little (equal error rates 1.0% and 2.3% instead of 1.2% and 3.1%) for 25 times the cost of a
 * comparison (emulator/README.md); `distanceTerms` still computes them, to explain a score.
 */
const FRAME_TERMS_COUNT = WEIGHTS.nearest !== 0 || WEIGHTS.bias !== 0 || WEIGHTS.warp !== 0;
/** The distance: the weighted terms, at least 0 (identical audio matches itself more closely than its own frames do). */
const weighted = (t: DistanceTerms) => Math.max(0, WEIGHTS.statistics * t.statistics + WEIGHTS.nearest * t.nearest + WEIGHTS.bias * t.bias + WEIGHTS.warp * t.warp + WEIGHTS.formants * t.formants);

/** The terms of the distance; null when the voiceprints cannot be compared. */
export function distanceTerms(a: Voiceprint, b: Voiceprint): DistanceTerms | null {
  if (!comparable(a, b)) return null;
  return compare(a, b, Infinity, true);
}

/**
 * The terms, computed in a fixed order of the two voiceprints (exactly symmetric). Once a lower
 * bound of the distance reaches `enough`, the costlier terms are not computed: the bias and the
 * warp are at least 0, the nearest-neighbour term at least minus the mean of the two spreads.
 */
function compare(a: Voiceprint, b: Voiceprint, enough: number, explain = false): DistanceTerms {
  const terms: DistanceTerms = {
    statistics: statisticsDistance(a, b),
    nearest: -(a.spread + b.spread) / 2,
    bias: 0,
    warp: 0,
    formants: a.formants && b.formants ? formantDistance(a.formants, b.formants) : 0,
  };
  if (weighted(terms) >= enough || (!FRAME_TERMS_COUNT && !explain)) return terms;
  const [x, y] = a.frames <= b.frames ? [a, b] : [b, a];
  const fx = decodeFrames(x.frames);
  const fy = decodeFrames(y.frames);
  const match = nearestFrames(fx, x.spread, fy, y.spread);
  terms.nearest = match.nearest;
  if (weighted(terms) >= enough) return terms;
  return { ...terms, ...matchedDifferences(fx, fy, match) };
}

/** Distance between two voiceprints (0 = identical; Infinity when they cannot be compared). */
export function voiceprintDistance(a: Voiceprint, b: Voiceprint): number {
  // Not comparable: another format, or no voiced speech (nothing of a vocal tract to compare).
  return comparable(a, b) ? weighted(compare(a, b, Infinity)) : Infinity;
}

/** Distance at which the score is 50, and the logistic's width (see emulator/README.md). */
const MIDPOINT = 9.42;
const WIDTH = 3.18;
const AT_ZERO = 1 / (1 + Math.exp(-MIDPOINT / WIDTH));
const score = (d: number) => Math.round((100 * (1 / (1 + Math.exp((d - MIDPOINT) / WIDTH)))) / AT_ZERO);
/** Distances from which the score rounds to 0. */
const FAR = MIDPOINT + WIDTH * Math.log(200 / AT_ZERO);

/** Similarity of two voiceprints, an integer 0-100 (100 = identical). */
export function similarity(a: Voiceprint, b: Voiceprint): number {
  if (!comparable(a, b)) return 0;
  // Stops early when the score is 0 anyway, and before the frame matching (10-40 times the
  // cost of the statistics) when the frame-level terms do not count.
  return score(weighted(compare(a, b, FAR)));
}
