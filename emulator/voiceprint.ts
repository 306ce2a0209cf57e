// Voiceprints: a small, explainable speaker model, not a neural embedding.
//
// Per 40 ms frame (20 ms hop) of 8 kHz audio we compute
//  - the spectral envelope as a 12th-order LPC model (pre-emphasized), turned into 12 liftered
//    cepstral coefficients (LPCC). LPC follows the vocal tract's resonances (formants) and
//    ignores the pitch harmonics, and dropping c0 makes it loudness-independent;
//  - the pitch, from the peak of the normalized autocorrelation (60-400 Hz), preferring the
//    shortest strong period to avoid octave errors.
// Only frames with speech energy count (within 25 dB of the loud frames). The voiceprint is
// the mean LPCC over speech frames (the long-term vocal-tract shape) and the median pitch in
// semitones.
//
// Similarity: d = sqrt(|Δlpcc|² + (PITCH_WEIGHT·Δsemitones)²), mapped through a logistic to
// 0-100 (100 = identical). Calibrated on the synthetic speakers of tests/support/audio.ts: the
// same voice with different words scores >= 90, voices 3 semitones apart score < 10. See
// emulator/README.md for the method's limits.

export interface Voiceprint {
  /** Format version. */
  v: 2;
  /** Mean liftered LPC cepstrum c1..c12 over speech frames. */
  lpcc: number[];
  /** Median pitch of voiced frames, in semitones above 55 Hz; null when no voiced frame. */
  pitch: number | null;
  /** Seconds of speech (frames kept by the energy gate). */
  speechSeconds: number;
}

const SR = 8000;
const FRAME = 320;
const HOP = 160;
const NFFT = 512;
const ORDER = 12;
const MIN_F0 = 60;
const MAX_F0 = 400;
const GATE_DB = 25;

const HAMMING = Float64Array.from({ length: FRAME }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME - 1)));
// |1 - 0.97 z^-1|² per FFT bin: pre-emphasis applied in the spectral domain.
const EMPHASIS = Float64Array.from({ length: NFFT / 2 + 1 }, (_, k) => 1 + 0.97 * 0.97 - 2 * 0.97 * Math.cos((2 * Math.PI * k) / NFFT));
// Sinusoidal lifter: evens out the cepstral coefficients' scales.
const LIFTER = Float64Array.from({ length: ORDER }, (_, i) => 1 + (ORDER / 2) * Math.sin((Math.PI * (i + 1)) / ORDER));
// Autocorrelation of the window, to undo the taper's bias towards short lags.
const WINDOW_AC = (() => {
  const out = new Float64Array(FRAME);
  for (let lag = 0; lag < FRAME; lag++) {
    let s = 0;
    for (let i = 0; i + lag < FRAME; i++) s += HAMMING[i] * HAMMING[i + lag];
    out[lag] = s;
  }
  return out;
})();

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

/** LPC (Levinson-Durbin) from autocorrelation r[0..ORDER], then the LPC cepstrum c1..c12. */
function lpcCepstrum(r: Float64Array): Float64Array | undefined {
  const a = new Float64Array(ORDER + 1);
  const prev = new Float64Array(ORDER + 1);
  let err = r[0] * 1.0001; // slight white-noise correction keeps the recursion stable
  if (!(err > 0)) return undefined;
  for (let i = 1; i <= ORDER; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc -= a[j] * r[i - j];
    const k = acc / err;
    prev.set(a);
    a[i] = k;
    for (let j = 1; j < i; j++) a[j] = prev[j] - k * prev[i - j];
    err *= 1 - k * k;
    if (!(err > 0)) return undefined;
  }
  const c = new Float64Array(ORDER + 1);
  for (let n = 1; n <= ORDER; n++) {
    let s = a[n];
    for (let k = 1; k < n; k++) s += (k / n) * c[k] * a[n - k];
    c[n] = s;
  }
  const out = new Float64Array(ORDER);
  for (let i = 0; i < ORDER; i++) out[i] = c[i + 1] * LIFTER[i];
  return out;
}

interface FrameFeatures {
  energyDb: number;
  lpcc: Float64Array | undefined;
  f0: number | null;
}

function analyzeFrames(samples: Float32Array): FrameFeatures[] {
  const out: FrameFeatures[] = [];
  const re = new Float64Array(NFFT);
  const im = new Float64Array(NFFT);
  const power = new Float64Array(NFFT / 2 + 1);
  const r = new Float64Array(ORDER + 1);
  for (let start = 0; start + FRAME <= samples.length; start += HOP) {
    re.fill(0);
    im.fill(0);
    let energy = 0;
    for (let i = 0; i < FRAME; i++) {
      const x = samples[start + i];
      energy += x * x;
      re[i] = x * HAMMING[i];
    }
    const energyDb = 10 * Math.log10(energy / FRAME + 1e-12);
    fft(re, im);
    for (let k = 0; k <= NFFT / 2; k++) power[k] = re[k] * re[k] + im[k] * im[k];

    // Autocorrelation = inverse FFT of the power spectrum; the input is real and even, so a
    // forward FFT gives it up to a constant. Zero-padding (FRAME + SR/MIN_F0 < NFFT) keeps
    // the lags we read free of circular wrap-around.
    re.fill(0);
    im.fill(0);
    for (let k = 0; k < NFFT; k++) {
      const kk = k <= NFFT / 2 ? k : NFFT - k;
      re[k] = power[kk] * EMPHASIS[kk];
    }
    fft(re, im);
    for (let i = 0; i <= ORDER; i++) r[i] = re[i];
    const lpcc = lpcCepstrum(r);

    re.fill(0);
    im.fill(0);
    for (let k = 0; k < NFFT; k++) re[k] = power[k <= NFFT / 2 ? k : NFFT - k];
    fft(re, im);
    out.push({ energyDb, lpcc, f0: pitchOf(re) });
  }
  return out;
}

function pitchOf(ac: Float64Array): number | null {
  const r0 = ac[0] / WINDOW_AC[0];
  if (!(r0 > 0)) return null;
  const norm = (lag: number) => ac[lag] / WINDOW_AC[lag] / r0;
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
  const frames: FrameFeatures[] = [];
  for (const samples of inputs) {
    for (const f of analyzeFrames(samples.subarray(0, Math.min(samples.length, maxSecondsPerInput * SR)))) frames.push(f);
  }
  const energies = frames.map((f) => f.energyDb).sort((a, b) => a - b);
  const loud = energies.length ? energies[Math.floor(energies.length * 0.95)] : 0;
  const speech = frames.filter((f) => f.energyDb > loud - GATE_DB && f.energyDb > -70 && f.lpcc);
  const lpcc = new Array<number>(ORDER).fill(0);
  for (const f of speech) for (let i = 0; i < ORDER; i++) lpcc[i] += f.lpcc![i] / speech.length;
  const f0s = speech.map((f) => f.f0).filter((x): x is number => x !== null).sort((a, b) => a - b);
  const pitch = f0s.length >= 5 ? 12 * Math.log2(f0s[Math.floor(f0s.length / 2)] / 55) : null;
  return {
    v: 2,
    lpcc: lpcc.map((x) => Math.round(x * 1e4) / 1e4),
    pitch: pitch === null ? null : Math.round(pitch * 1e3) / 1e3,
    speechSeconds: (speech.length * HOP) / SR,
  };
}

/** One semitone of median pitch weighs like this many cepstral units. */
const PITCH_WEIGHT = 3;
/** Distance at which the score is 50, and the logistic's width. */
const MIDPOINT = 4.9;
const WIDTH = 0.35;

/** Distance between two voiceprints (0 = identical). */
export function voiceprintDistance(a: Voiceprint, b: Voiceprint): number {
  let d2 = 0;
  for (let i = 0; i < ORDER; i++) d2 += (a.lpcc[i] - b.lpcc[i]) ** 2;
  if (a.pitch !== null && b.pitch !== null) d2 += (PITCH_WEIGHT * (a.pitch - b.pitch)) ** 2;
  else if (a.pitch !== b.pitch) d2 += 100; // one voiced, one not: not the same voice
  return Math.sqrt(d2);
}

/** Similarity of two voiceprints, an integer 0-100. */
export function similarity(a: Voiceprint, b: Voiceprint): number {
  const d = voiceprintDistance(a, b);
  const atZero = 1 / (1 + Math.exp(-MIDPOINT / WIDTH));
  return Math.round((100 * (1 / (1 + Math.exp((d - MIDPOINT) / WIDTH)))) / atZero);
}
