// Voiceprints: a small, explainable speaker model, not a neural embedding. This module is the
// whole speaker model of the emulator: `computeVoiceprint` (audio -> voiceprint),
// `voiceprintDistance` and `similarity` (two voiceprints -> 0-100). A real speaker-embedding
// model could replace it behind the same three functions (see emulator/README.md).
//
// Features, per 25 ms frame (10 ms hop) of 8 kHz audio:
//  - 20 mel-frequency cepstral coefficients of the spectral envelope (pre-emphasis, Hamming
//    window, 14th-order LPC envelope, 30 triangular mel filters over 50-3950 Hz, log, DCT; c0
//    dropped so loudness does not count). They describe the vocal tract's resonances
//    (formants), not the pitch harmonics;
//  - the pitch, from the normalized autocorrelation of a 40 ms window (60-400 Hz, the shortest
//    strong period to avoid octave errors).
// Only voiced frames with speech energy (within 30 dB of the loud frames) count: vowels and
// voiced consonants carry the vocal tract; fricatives and silence carry mostly the words.
//
// The voiceprint is the mean and covariance of the voiced frames' MFCCs (a Gaussian of the
// speaker's spectral envelopes) plus the median pitch. Distance: the Mahalanobis distance of
// the two means under the pooled covariance (a difference counts in proportion to how little
// the voice itself varies in that direction), plus a pitch term for differences beyond
// 1.5 semitones (intonation moves the median that much). A calibrated logistic maps the
// distance to 0-100; the calibration and the measured separation are in emulator/README.md and
// tests/unit/emulator/voiceprint.test.ts.

export interface Voiceprint {
  /** Format version; voiceprints of another version score 0 against this one. */
  v: 3;
  /** Mean MFCC c1..c20 over voiced speech frames. */
  mean: number[];
  /** Their covariance, upper triangle row by row (210 values). */
  cov: number[];
  /** Median pitch of voiced frames, in semitones above 55 Hz; null when no voiced frame. */
  pitch: number | null;
  /** Seconds of speech (frames kept by the energy gate, voiced or not). */
  speechSeconds: number;
}

const SR = 8000;
const FRAME = 200; // 25 ms
const HOP = 80; // 10 ms
const NFFT = 256;
const NMEL = 30;
const LOW_HZ = 50;
const HIGH_HZ = 3950;
const DIM = 20;
const LPC_ORDER = 14;
const GATE_DB = 30;
// Pitch analysis window: long enough for two periods at 60 Hz, centred on the MFCC frame.
const PFRAME = 320;
const PNFFT = 512;
const PITCH_OFFSET = (PFRAME - FRAME) / 2;
const MIN_F0 = 60;
const MAX_F0 = 400;

const hamming = (n: number) => Float64Array.from({ length: n }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1)));
const HAMMING = hamming(FRAME);
const PHAMMING = hamming(PFRAME);
// Autocorrelation of the pitch window, to undo the taper's bias towards short lags.
const WINDOW_AC = (() => {
  const out = new Float64Array(PFRAME);
  for (let lag = 0; lag < PFRAME; lag++) {
    let s = 0;
    for (let i = 0; i + lag < PFRAME; i++) s += PHAMMING[i] * PHAMMING[i + lag];
    out[lag] = s;
  }
  return out;
})();

const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
const fromMel = (m: number) => 700 * (10 ** (m / 2595) - 1);
/** Triangular mel filters: first FFT bin and weights. */
const FILTERS: { start: number; w: Float64Array }[] = (() => {
  const bins = Array.from({ length: NMEL + 2 }, (_, i) => (fromMel(mel(LOW_HZ) + ((mel(HIGH_HZ) - mel(LOW_HZ)) * i) / (NMEL + 1)) * NFFT) / SR);
  return Array.from({ length: NMEL }, (_, m) => {
    const [l, c, r] = [bins[m], bins[m + 1], bins[m + 2]];
    const start = Math.ceil(l);
    const w = new Float64Array(Math.max(0, Math.floor(r) - start + 1));
    for (let k = start; k < start + w.length; k++) w[k - start] = k <= c ? (k - l) / (c - l) : (r - k) / (r - c);
    return { start, w };
  });
})();
/** DCT-II rows 1..DIM (row 0, the loudness, is left out). */
const DCT = Array.from({ length: DIM }, (_, i) => Float64Array.from({ length: NMEL }, (_, m) => Math.cos((Math.PI * (i + 1) * (m + 0.5)) / NMEL) * Math.sqrt(2 / NMEL)));

/** In-place iterative radix-2 FFT. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let j = 0; j < half; j++) {
        const a = i + j;
        const b = a + half;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}

interface Frame {
  mfcc: Float64Array;
  f0: number | null;
}

/** Energy (dB) of every 10 ms step's analysis frame. */
function frameEnergies(samples: Float32Array): Float64Array {
  const count = Math.max(0, Math.floor((samples.length - FRAME - 2 * PITCH_OFFSET) / HOP) + 1);
  const out = new Float64Array(count);
  for (let f = 0; f < count; f++) {
    const start = PITCH_OFFSET + f * HOP;
    let energy = 0;
    for (let i = 0; i < FRAME; i++) energy += samples[start + i] ** 2;
    out[f] = 10 * Math.log10(energy / FRAME + 1e-12);
  }
  return out;
}

/**
 * MFCC and pitch of the speech frames of one recording: frames within GATE_DB of the loud ones
 * (the gate is per recording, since loudness may differ between a request's recordings).
 */
function speechFrames(samples: Float32Array): Frame[] {
  const energies = frameEnergies(samples);
  const sorted = Float64Array.from(energies).sort();
  const loud = sorted.length ? sorted[Math.floor(sorted.length * 0.95)] : 0;
  const out: Frame[] = [];
  const re = new Float64Array(PNFFT);
  const im = new Float64Array(PNFFT);
  const fr = re.subarray(0, NFFT);
  const fi = im.subarray(0, NFFT);
  const logMel = new Float64Array(NMEL);
  for (let f = 0; f < energies.length; f++) {
    if (!(energies[f] > loud - GATE_DB && energies[f] > -70)) continue;
    const start = PITCH_OFFSET + f * HOP;
    fr.fill(0);
    fi.fill(0);
    for (let i = 0; i < FRAME; i++) fr[i] = (samples[start + i] - 0.97 * samples[start + i - 1]) * HAMMING[i]; // pre-emphasis
    fft(fr, fi);
    lpcEnvelope(fr, fi);
    for (let m = 0; m < NMEL; m++) {
      const { start: s, w } = FILTERS[m];
      let e = 0;
      for (let k = 0; k < w.length; k++) e += w[k] * (fr[s + k] ** 2 + fi[s + k] ** 2);
      logMel[m] = Math.log(e + 1e-10);
    }
    const mfcc = new Float64Array(DIM);
    for (let i = 0; i < DIM; i++) {
      let s = 0;
      for (let m = 0; m < NMEL; m++) s += DCT[i][m] * logMel[m];
      mfcc[i] = s;
    }
    out.push({ mfcc, f0: pitchAt(samples, start - PITCH_OFFSET, re, im) });
  }
  return out;
}

/**
 * Replaces the spectrum in (re, im) by its all-pole (LPC) envelope, as magnitudes in `re`.
 * The envelope follows the formants and ignores the pitch harmonics, which a 25 ms frame of a
 * high voice resolves and which would otherwise move the MFCCs with the intonation.
 */
function lpcEnvelope(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let k = 0; k < n; k++) {
    re[k] = re[k] * re[k] + im[k] * im[k];
    im[k] = 0;
  }
  fft(re, im); // the power spectrum is real and even: its FFT is the autocorrelation (x n)
  const r = re.subarray(0, LPC_ORDER + 1);
  const a = new Float64Array(LPC_ORDER + 1);
  const prev = new Float64Array(LPC_ORDER + 1);
  let err = r[0] * 1.0001; // a little white noise keeps the recursion stable
  for (let i = 1; i <= LPC_ORDER && err > 0; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc -= a[j] * r[i - j];
    const k = acc / err;
    prev.set(a);
    a[i] = k;
    for (let j = 1; j < i; j++) a[j] = prev[j] - k * prev[i - j];
    err *= 1 - k * k;
  }
  re.fill(0);
  im.fill(0);
  re[0] = 1;
  for (let i = 1; i <= LPC_ORDER; i++) re[i] = -a[i];
  fft(re, im); // A(e^jw)
  const gain = Math.max(err, 1e-12) / n;
  for (let k = 0; k < n; k++) {
    re[k] = Math.sqrt(gain / Math.max(re[k] * re[k] + im[k] * im[k], 1e-12));
    im[k] = 0;
  }
}

/** Pitch of the PFRAME window at `start`: autocorrelation as the FFT of the power spectrum. */
function pitchAt(samples: Float32Array, start: number, re: Float64Array, im: Float64Array): number | null {
  re.fill(0);
  im.fill(0);
  for (let i = 0; i < PFRAME; i++) re[i] = samples[start + i] * PHAMMING[i];
  fft(re, im);
  // The power spectrum is real and even, so a forward FFT gives the autocorrelation up to a
  // constant; zero-padding (PFRAME + SR/MIN_F0 < PNFFT) keeps the lags read free of wrap-around.
  for (let k = 0; k < PNFFT; k++) {
    re[k] = re[k] * re[k] + im[k] * im[k];
    im[k] = 0;
  }
  fft(re, im);
  const r0 = re[0] / WINDOW_AC[0];
  if (!(r0 > 0)) return null;
  const norm = (lag: number) => re[lag] / WINDOW_AC[lag] / r0;
  const minLag = Math.floor(SR / MAX_F0);
  const maxLag = Math.ceil(SR / MIN_F0);
  let best = 0;
  let bestLag = 0;
  for (let lag = minLag; lag <= maxLag; lag++) {
    const v = norm(lag);
    if (v > best) {
      best = v;
      bestLag = lag;
    }
  }
  // Multiples of the period correlate almost as well as the period itself: take the shortest
  // lag with a local peak nearly as strong (avoids halving the pitch).
  for (let lag = minLag + 1; lag < bestLag; lag++) {
    const v = norm(lag);
    if (v >= 0.85 * best && v >= norm(lag - 1) && v >= norm(lag + 1)) {
      best = v;
      bestLag = lag;
      break;
    }
  }
  if (best < 0.45 || bestLag <= minLag) return null;
  const y0 = norm(bestLag - 1);
  const y1 = norm(bestLag);
  const y2 = norm(bestLag + 1);
  const denom = y0 - 2 * y1 + y2;
  const shift = denom !== 0 ? (0.5 * (y0 - y2)) / denom : 0;
  return SR / (bestLag + Math.max(-0.5, Math.min(0.5, shift)));
}

/**
 * Computes the voiceprint of one or more recordings (8 kHz float samples) of one speaker.
 * At most `maxSecondsPerInput` of each input are analyzed (bounds CPU per request).
 */
export function computeVoiceprint(inputs: Float32Array[], maxSecondsPerInput = 120): Voiceprint {
  const voiced: Float64Array[] = [];
  const f0s: number[] = [];
  let speech = 0;
  for (const samples of inputs) {
    for (const f of speechFrames(samples.subarray(0, Math.min(samples.length, maxSecondsPerInput * SR)))) {
      speech++;
      if (f.f0 === null) continue;
      voiced.push(f.mfcc);
      f0s.push(f.f0);
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
  return {
    v: 3,
    mean: mean.map((x) => round(x, 4)),
    cov: cov.map((x) => round(x, 5)),
    pitch: pitch === null ? null : round(pitch, 3),
    speechSeconds: (speech * HOP) / SR,
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

/** Distance between two voiceprints (0 = identical; Infinity when they cannot be compared). */
export function voiceprintDistance(a: Voiceprint, b: Voiceprint): number {
  // Not comparable: another format, or no voiced speech (nothing of a vocal tract to compare).
  if (a.v !== 3 || b.v !== 3 || a.pitch === null || b.pitch === null) return Infinity;
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

/** Distance at which the score is 50, and the logistic's width (see emulator/README.md). */
const MIDPOINT = 1.38;
const WIDTH = 0.36;

/** Similarity of two voiceprints, an integer 0-100 (100 = identical). */
export function similarity(a: Voiceprint, b: Voiceprint): number {
  const d = voiceprintDistance(a, b);
  if (!Number.isFinite(d)) return 0;
  const atZero = 1 / (1 + Math.exp(-MIDPOINT / WIDTH));
  return Math.round((100 * (1 / (1 + Math.exp((d - MIDPOINT) / WIDTH)))) / atZero);
}
