// Speech-like test audio for distinct synthetic speakers, generated on the fly (no binary
// fixtures). A speaker is a source-filter voice: a glottal pulse train at a speaker-specific
// pitch with jitter and shimmer, a speaker-specific spectral tilt and breathiness, through a
// cascade of formant resonators whose frequencies are the vowel's formants scaled by the
// speaker's vocal-tract factor. An utterance is a random sequence of vowels with an intonation
// contour and pauses, plus background noise: two utterances of one speaker differ in every
// sample, yet share the voice.
import { encodeWav } from "../../emulator/wav";

const SR = 8000;

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The parameters that make a voice. */
export interface Speaker {
  id: number;
  /** Mean pitch, Hz. */
  f0: number;
  /** Vocal-tract factor multiplying every formant (0.85 long tract ... 1.2 short tract). */
  formantScale: number;
  /** Glottal source smoothing (0.5 bright ... 0.9 dark). */
  tilt: number;
  /** Aspiration noise relative to voicing. */
  breathiness: number;
}

// Three semitones apart: more than the intonation of one utterance moves the median pitch.
const PITCHES = [85, 101, 120, 143, 170, 202, 240, 285];
const SCALES = [0.86, 0.95, 1.05, 1.16];

/**
 * Speaker number `id` (0, 1, 2, ...). Speakers are laid on a grid of pitch x vocal-tract
 * length so that any two different ids differ clearly in at least one of them.
 */
export function speaker(id: number): Speaker {
  const r = rng(1000 + id);
  return {
    id,
    f0: PITCHES[id % PITCHES.length] * (1 + (r() - 0.5) * 0.03),
    formantScale: SCALES[Math.floor(id / PITCHES.length) % SCALES.length] * (1 + (r() - 0.5) * 0.02),
    tilt: 0.55 + 0.3 * r(),
    breathiness: 0.02 + 0.06 * r(),
  };
}

// F1, F2, F3, F4 of a few vowels (adult average), Hz.
const VOWELS: [number, number, number, number][] = [
  [730, 1090, 2440, 3300], // a
  [530, 1840, 2480, 3300], // e
  [270, 2290, 3010, 3500], // i
  [570, 840, 2410, 3300], // o
  [300, 870, 2240, 3300], // u
  [660, 1720, 2410, 3300], // ae
  [490, 1350, 1690, 3300], // er
];
const BANDWIDTHS = [80, 100, 140, 200];

export interface UtteranceOptions {
  /** Length in seconds (default 3). */
  seconds?: number;
  /** Background noise level relative to full scale (default 0.003). */
  noise?: number;
}

/** One utterance of a speaker: mono float samples at 8 kHz. `utterance` picks the words. */
export function utterance(sp: Speaker, utteranceSeed: number, opts: UtteranceOptions = {}): Float32Array {
  const r = rng(sp.id * 7919 + utteranceSeed * 104729 + 17);
  const n = Math.round((opts.seconds ?? 3) * SR);
  const out = new Float32Array(n);
  const noise = opts.noise ?? 0.003;
  // Resonator state persists across segments so vowel transitions do not click.
  const state = BANDWIDTHS.map(() => [0, 0]);
  let glottal = 0;
  let phase = 0;
  let t = Math.floor(r() * 0.1 * SR);
  while (t < n) {
    const voicedLen = Math.floor((0.12 + r() * 0.2) * SR);
    const vowel = VOWELS[Math.floor(r() * VOWELS.length)];
    const next = VOWELS[Math.floor(r() * VOWELS.length)];
    const startF0 = sp.f0 * (1 + (r() - 0.5) * 0.08);
    const endF0 = startF0 * (0.92 + r() * 0.12);
    const amp = 0.5 + r() * 0.5;
    for (let i = 0; i < voicedLen && t < n; i++, t++) {
      const x = i / voicedLen;
      // Vowel glides towards the next one over the last third (coarticulation).
      const glide = Math.max(0, (x - 0.66) / 0.34);
      const f0 = (startF0 + (endF0 - startF0) * x) * (1 + (r() - 0.5) * 0.02); // jitter
      phase += f0 / SR;
      let pulse = 0;
      if (phase >= 1) {
        phase -= 1;
        pulse = 1 + (r() - 0.5) * 0.2; // shimmer
      }
      // Glottal source: impulse train through a one-pole low-pass (the speaker's tilt) + breath.
      glottal = sp.tilt * glottal + (1 - sp.tilt) * pulse * 8;
      let s = glottal + sp.breathiness * (r() - 0.5);
      const envelope = Math.min(1, i / (0.02 * SR), (voicedLen - i) / (0.02 * SR));
      for (let k = 0; k < 4; k++) {
        const f = Math.min(3800, (vowel[k] * (1 - glide) + next[k] * glide) * sp.formantScale);
        const bw = BANDWIDTHS[k];
        const rr = Math.exp((-Math.PI * bw) / SR);
        const a1 = 2 * rr * Math.cos((2 * Math.PI * f) / SR);
        const a2 = -rr * rr;
        const g = 1 - a1 - a2;
        const y = g * s + a1 * state[k][0] + a2 * state[k][1];
        state[k][1] = state[k][0];
        state[k][0] = y;
        s = y;
      }
      out[t] = s * amp * envelope;
    }
    const pause = Math.floor((0.03 + r() * 0.12) * SR);
    t += pause;
  }
  // Normalize to a random level (the voiceprint must not depend on loudness), add noise.
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(out[i]));
  const gain = (0.3 + r() * 0.5) / (peak || 1);
  for (let i = 0; i < n; i++) out[i] = out[i] * gain + noise * (r() * 2 - 1);
  return out;
}

/** A PCM-16 8 kHz WAV of one utterance; `stereo` puts it on `channel` and another voice on the other. */
export function utteranceWav(
  speakerId: number,
  utteranceSeed: number,
  opts: UtteranceOptions & { stereo?: boolean; channel?: 0 | 1; otherSpeakerId?: number } = {},
): Buffer {
  const main = utterance(speaker(speakerId), utteranceSeed, opts);
  if (!opts.stereo) return encodeWav([main]);
  const other = utterance(speaker(opts.otherSpeakerId ?? speakerId + 1), utteranceSeed + 1000, opts);
  return encodeWav(opts.channel === 1 ? [other, main] : [main, other]);
}
