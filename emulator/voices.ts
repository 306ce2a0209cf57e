/**
 * Synthetic test voices: speech-like 8 kHz PCM-16 WAV recordings of distinct speakers,
 * generated on the fly, for testing automation against the local Voice ID service (fraudster
 * registration, duplicate detection) without recording anyone.
 *
 * ```ts
 * import { speakerWav } from "pulumi-voiceid/voices";
 * fs.writeFileSync("fraudster-7.wav", speakerWav(7, 1));       // speaker 7 saying "utterance 1"
 * fs.writeFileSync("fraudster-7-again.wav", speakerWav(7, 2)); // same voice, other words
 * ```
 *
 * A speaker is a source-filter voice: a glottal pulse train at the speaker's pitch with jitter
 * and shimmer, the speaker's spectral tilt and breathiness, through a cascade of formant
 * resonators whose frequencies are the vowel's formants times the speaker's vocal-tract factor
 * and per-formant idiosyncrasies. An utterance runs through the vowels in a random order with
 * an intonation contour and pauses, plus background noise: two utterances of one speaker
 * differ in every sample yet share the voice, and the emulator's voiceprint matches them.
 * Different speaker ids are different voices: 20 consecutive ids give no false match at the
 * emulator's default threshold (measured in tests/unit/emulator/voiceprint.test.ts).
 * @module
 */
import { encodeWav } from "./wav";

const SR = 8000;

/** Deterministic pseudo-random generator (mulberry32): numbers in [0, 1) from a seed. */
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
    /** The id the speaker was made from. */
    id: number;
    /** Mean pitch, Hz. */
    f0: number;
    /** Vocal-tract factor multiplying every formant (0.84 long tract ... 1.14 short tract). */
    formantScale: number;
    /** Per-formant factors on top of `formantScale` (F1..F4, each within +-6%). */
    formantShape: [number, number, number, number];
    /** Glottal source smoothing (0.5 bright ... 0.85 dark). */
    tilt: number;
    /** Aspiration noise relative to voicing. */
    breathiness: number;
}

// The golden-ratio sequence spreads consecutive ids evenly over each parameter's range, with
// different irrational steps per parameter so that ids close in one parameter differ in others.
const STEPS = [0.6180339887, 0.7548776662, 0.569840291, 0.8191725134, 0.4655712319, 0.3247179572];
const spread = (id: number, dim: number) => (0.5 + id * STEPS[dim]) % 1;

/**
 * Speaker number `id` (a non-negative integer). Deterministic: the same id is always the same
 * voice. Pitch covers 85-270 Hz on a log scale, the vocal-tract factor 0.84-1.14.
 */
export function speaker(id: number): Speaker {
    if (!Number.isInteger(id) || id < 0) throw new RangeError(`speaker id must be a non-negative integer, got ${id}`);
    const r = rng(1000 + id);
    return {
        id,
        f0: 85 * Math.pow(270 / 85, spread(id, 0)),
        // Higher voices tend to have shorter vocal tracts; the rest of the factor is the speaker's own.
        formantScale: 0.9 + 0.18 * spread(id, 0) + 0.12 * (spread(id, 1) - 0.5),
        formantShape: [
            0.94 + 0.12 * spread(id, 2),
            0.94 + 0.12 * spread(id, 3),
            0.94 + 0.12 * spread(id, 4),
            0.94 + 0.12 * r(),
        ],
        tilt: 0.5 + 0.35 * spread(id, 5),
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

/** Options of one utterance. */
export interface UtteranceOptions {
    /** Length in seconds (default 3). */
    seconds?: number;
    /** Background noise level relative to the speech's peak (default 0.005, about -46 dB). */
    noise?: number;
}

/**
 * One utterance of a speaker: mono float samples in [-1, 1] at 8 kHz. `utteranceSeed` picks
 * the "words" (vowel order, intonation, pauses, level); the same seed gives the same samples.
 */
export function utterance(sp: Speaker, utteranceSeed: number, opts: UtteranceOptions = {}): Float32Array {
    const r = rng(sp.id * 7919 + utteranceSeed * 104729 + 17);
    const n = Math.round((opts.seconds ?? 3) * SR);
    const out = new Float32Array(n);
    const noise = opts.noise ?? 0.005;
    // Resonator state persists across segments so vowel transitions do not click.
    const state = BANDWIDTHS.map(() => [0, 0]);
    let glottal = 0;
    let phase = 0;
    // Whole rounds of vowels, each vowel one slot of equal length (a pause, then the vowel): the
    // vowel mix, and with it the long-term spectrum, is the same whatever the length.
    const slots = VOWELS.length * Math.max(1, Math.round(n / SR / 1.0));
    const slotLen = Math.floor(n / slots);
    let t = 0;
    // Every vowel once per round, in a random order: the words change, the vowel mix does not.
    let order: number[] = [];
    const nextVowel = () => {
        if (!order.length) {
            order = VOWELS.map((_, i) => i);
            for (let i = order.length - 1; i > 0; i--) {
                const j = Math.floor(r() * (i + 1));
                [order[i], order[j]] = [order[j], order[i]];
            }
        }
        return VOWELS[order.pop()!];
    };
    let vowel = nextVowel();
    for (let slot = 0; slot < slots; slot++) {
        const pause = Math.floor((0.15 + r() * 0.2) * slotLen);
        t += pause;
        const voicedLen = slotLen - pause;
        const next = nextVowel();
        const startF0 = sp.f0 * (1 + (r() - 0.5) * 0.08);
        const endF0 = startF0 * (0.92 + r() * 0.12);
        const amp = 0.5 + r() * 0.5;
        for (let i = 0; i < voicedLen && t < n; i++, t++) {
            const x = i / voicedLen;
            // Vowel glides towards the next one over the last fifth (coarticulation).
            const glide = Math.max(0, (x - 0.8) / 0.2);
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
                const f = Math.min(
                    3800,
                    (vowel[k] * (1 - glide) + next[k] * glide) * sp.formantScale * sp.formantShape[k],
                );
                const rr = Math.exp((-Math.PI * BANDWIDTHS[k]) / SR);
                const a1 = 2 * rr * Math.cos((2 * Math.PI * f) / SR);
                const a2 = -rr * rr;
                const y = (1 - a1 - a2) * s + a1 * state[k][0] + a2 * state[k][1];
                state[k][1] = state[k][0];
                state[k][0] = y;
                s = y;
            }
            out[t] = s * amp * envelope;
        }
        vowel = next;
    }
    // Normalize to a random level (a voiceprint must not depend on loudness), add noise at a
    // fixed ratio to it: a fixed noise floor would flatten a quiet, dark voice's high frequencies
    // and change its spectrum with the level.
    let peak = 0;
    for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(out[i]));
    const level = 0.3 + r() * 0.5;
    const gain = level / (peak || 1);
    for (let i = 0; i < n; i++) out[i] = out[i] * gain + noise * level * (r() * 2 - 1);
    return out;
}

/** Options of {@link speakerWav}. */
export interface SpeakerWavOptions extends UtteranceOptions {
    /** Two channels: this speaker on `channel`, another voice on the other one (a call's two sides). */
    stereo?: boolean;
    /** The channel this speaker is on in a stereo file (default 0). */
    channel?: 0 | 1;
    /** Speaker id of the other channel (default `speakerId + 1`). */
    otherSpeakerId?: number;
}

/**
 * A PCM-16 8 kHz WAV file (the format Voice ID accepts) of speaker `speakerId` saying
 * utterance `utteranceSeed`. Different seeds of one speaker match each other in the local
 * service; different speaker ids do not.
 */
export function speakerWav(speakerId: number, utteranceSeed: number, opts: SpeakerWavOptions = {}): Buffer {
    const main = utterance(speaker(speakerId), utteranceSeed, opts);
    if (!opts.stereo) return encodeWav([main]);
    const other = utterance(speaker(opts.otherSpeakerId ?? speakerId + 1), utteranceSeed + 1000, opts);
    return encodeWav(opts.channel === 1 ? [other, main] : [main, other]);
}
