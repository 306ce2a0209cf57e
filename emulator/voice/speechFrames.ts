/**
 * Signal analysis for the voiceprint (voiceprint.ts): which 10 ms steps of an 8 kHz
 * recording are speech, their pitch, and the mel-frequency cepstrum of their spectral envelope.
 *
 * Channel and noise first (issue 25): every recording is band-limited to the telephone band
 * (300-3400 Hz), so wideband and telephone audio of one voice are analysed alike; the background
 * noise's spectrum (the quietest 10% of frames) is subtracted twice over from each voiced frame,
 * then a floor 7 dB below the voiced frames' mean spectrum is added (noise masking), so a clean
 * and a noisy recording keep the same spectral floor.
 *
 * Per 25 ms frame (10 ms hop):
 *  - the pitch, from the normalized autocorrelation of a 40 ms window centred on the frame
 *    (60-400 Hz, the shortest strong period to avoid octave errors); frames without a clear
 *    period are unvoiced;
 *  - for voiced frames, 20 mel-frequency cepstral coefficients of the spectral envelope:
 *    pre-emphasis, Hamming window, power spectrum smoothed over one pitch harmonic's width (so
 *    the envelope follows the formants, not the harmonics, and does not move with the
 *    intonation even for high voices), 30 triangular mel filters over 350-3350 Hz, log, DCT;
 *    c0 (the loudness) is left out.
 * The speaker model (frameVector.ts, speakerModel.ts) reads the pitch and the cepstrum.
 * @module
 */

export const SAMPLE_RATE = 8000;
/** Mel-cepstral coefficients per frame (c1..c20). */
export const CEPSTRA = 20;
/** Mel filters the cepstrum is taken over. */
export const MEL_BANDS = 30;
/** Frame hop in samples (10 ms). */
export const HOP = 80;

const FRAME = 200; // 25 ms
const NFFT = 512;
const BINS = NFFT / 2 + 1;
// The analysis band: inside the telephone band (300-3400 Hz), so wideband and telephone
// recordings of one voice are analysed alike (see CHANNEL below).
const LOW_HZ = 350;
const HIGH_HZ = 3350;
const GATE_DB = 30;
// Pitch analysis window: long enough for two periods at 60 Hz, centred on the frame.
const PFRAME = 320;
const PITCH_OFFSET = (PFRAME - FRAME) / 2;
const MIN_F0 = 60;
const MAX_F0 = 400;

const hamming = (n: number) =>
    Float64Array.from({ length: n }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1)));
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
/** Centre frequency (Hz) of mel filter `m`. */
export const melCentreHz = (m: number) =>
    fromMel(mel(LOW_HZ) + ((mel(HIGH_HZ) - mel(LOW_HZ)) * (m + 1)) / (MEL_BANDS + 1));
/** Triangular mel filters: first FFT bin and weights. */
const FILTERS: { start: number; w: Float64Array }[] = Array.from({ length: MEL_BANDS }, (_, m) => {
    const [l, c, r] = [m - 1, m, m + 1].map(
        (i) => (i < 0 ? LOW_HZ : i >= MEL_BANDS ? HIGH_HZ : melCentreHz(i)) * (NFFT / SAMPLE_RATE),
    );
    const start = Math.ceil(l);
    const w = new Float64Array(Math.max(0, Math.floor(r) - start + 1));
    for (let k = start; k < start + w.length; k++) w[k - start] = k <= c ? (k - l) / (c - l) : (r - k) / (r - c);
    return { start, w };
});
/** DCT-II rows 1..CEPSTRA (row 0, the loudness, is left out); orthonormal. */
export const DCT = Array.from({ length: CEPSTRA }, (_, i) =>
    Float64Array.from(
        { length: MEL_BANDS },
        (_, m) => Math.cos((Math.PI * (i + 1) * (m + 0.5)) / MEL_BANDS) * Math.sqrt(2 / MEL_BANDS),
    ),
);

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

/** One speech frame: its pitch (Hz; null when unvoiced) and, when voiced, its cepstrum. */
export interface SpeechFrame {
    f0: number | null;
    mfcc: Float64Array | null;
}

/**
 * Channel normalization: every recording is band-limited to the telephone band (300-3400 Hz,
 * a 101-tap Hamming-windowed sinc band-pass) before any analysis, so that a wideband recording
 * and a telephone recording of one voice look alike to the pitch and cepstrum
 * analyses. What the telephone channel removes cannot identify a voice on the telephone.
 */
const CHANNEL = (() => {
    const taps = 101;
    const [lo, hi] = [300 / SAMPLE_RATE, 3400 / SAMPLE_RATE];
    const h = new Float64Array(taps);
    const mid = (taps - 1) / 2;
    for (let n = 0; n < taps; n++) {
        const t = n - mid;
        const sinc = (f: number) => (t === 0 ? 2 * f : Math.sin(2 * Math.PI * f * t) / (Math.PI * t));
        h[n] = (sinc(hi) - sinc(lo)) * (0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (taps - 1)));
    }
    return h;
})();

/** The recording through the CHANNEL band-pass (same length, zero phase: delay removed). */
export function bandLimit(samples: Float32Array): Float32Array {
    const taps = CHANNEL.length;
    const mid = (taps - 1) / 2;
    const out = new Float32Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
        let s = 0;
        const lo = Math.max(0, i - mid);
        const hi = Math.min(samples.length - 1, i + mid);
        for (let j = lo; j <= hi; j++) s += samples[j] * CHANNEL[j - i + mid];
        out[i] = s;
    }
    return out;
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
 * The speech frames of one recording: frames within GATE_DB of the loud ones (the gate is per
 * recording, since loudness may differ between a request's recordings), in time order.
 */
export function speechFrames(input: Float32Array): SpeechFrame[] {
    const samples = bandLimit(input);
    const energies = frameEnergies(samples);
    const sorted = Float64Array.from(energies).sort();
    const loud = sorted.length ? sorted[Math.floor(sorted.length * 0.95)] : 0;
    const out: SpeechFrame[] = [];
    const re = new Float64Array(NFFT);
    const im = new Float64Array(NFFT);
    const noise = noiseSpectrum(samples, energies, sorted, re, im);
    // First pass: pitch and the noise-subtracted power spectrum of every speech frame.
    const frames: { f0: number | null; power: Float64Array | null }[] = [];
    const mask = new Float64Array(BINS);
    let voiced = 0;
    for (let f = 0; f < energies.length; f++) {
        if (!(energies[f] > loud - GATE_DB && energies[f] > -70)) continue;
        const start = PITCH_OFFSET + f * HOP;
        const f0 = pitchAt(samples, start - PITCH_OFFSET, re, im);
        if (f0 === null) {
            frames.push({ f0, power: null });
            continue;
        }
        powerSpectrum(samples, start, re, im);
        const power = new Float64Array(BINS);
        for (let k = 0; k < BINS; k++) {
            power[k] = Math.max(re[k] - OVER * noise[k], 0);
            mask[k] += power[k];
        }
        voiced++;
        frames.push({ f0, power });
    }
    // Noise masking: a floor MASK_DB below the voiced frames' mean spectrum, the same for a clean
    // and a noisy recording, hides what spectral subtraction leaves of the noise.
    for (let k = 0; k < BINS; k++) mask[k] *= MASK / Math.max(1, voiced);
    for (const { f0, power } of frames) {
        if (f0 === null || power === null) {
            out.push({ f0: null, mfcc: null });
            continue;
        }
        // The cepstrum comes from the masked spectrum.
        for (let k = 0; k < BINS; k++) power[k] += mask[k];
        out.push({ f0, mfcc: envelopeCepstrum(power, f0, re, im) });
    }
    return out;
}

/** Power spectrum (bins 0..NFFT/2 of `re`) of the pre-emphasized, Hamming-windowed FRAME at `start`. */
function powerSpectrum(samples: Float32Array, start: number, re: Float64Array, im: Float64Array): void {
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < FRAME; i++) re[i] = (samples[start + i] - 0.97 * samples[start + i - 1]) * HAMMING[i]; // pre-emphasis
    fft(re, im);
    for (let k = 0; k <= NFFT / 2; k++) re[k] = re[k] * re[k] + im[k] * im[k];
}

/** Share of the quietest frames whose mean spectrum estimates the background noise. */
const NOISE_SHARE = 0.1;
/** Over-subtraction: the noise estimate is subtracted this many times (calibrated, see emulator/README.md). */
const OVER = 2;
/** The noise mask's level below the voiced frames' mean power spectrum (dB; calibrated). */
const MASK_DB = 7;
const MASK = 10 ** (-MASK_DB / 10);

/**
 * The background noise's power spectrum: the mean power spectrum of the quietest NOISE_SHARE of
 * the frames (pauses between words; near zero for a clean recording).
 */
function noiseSpectrum(
    samples: Float32Array,
    energies: Float64Array,
    sorted: Float64Array,
    re: Float64Array,
    im: Float64Array,
): Float64Array {
    const out = new Float64Array(NFFT / 2 + 1);
    const count = Math.floor(energies.length * NOISE_SHARE);
    if (count < 3) return out;
    const limit = sorted[count - 1];
    let used = 0;
    for (let f = 0; f < energies.length && used < count; f++) {
        if (energies[f] > limit) continue;
        powerSpectrum(samples, PITCH_OFFSET + f * HOP, re, im);
        for (let k = 0; k < out.length; k++) out[k] += re[k];
        used++;
    }
    for (let k = 0; k < out.length; k++) out[k] /= used;
    return out;
}

/** Mel cepstrum of a frame's power spectrum (bins 0..NFFT/2) smoothed over one harmonic (f0). */
function envelopeCepstrum(power: Float64Array, f0: number, re: Float64Array, im: Float64Array): Float64Array {
    const bins = BINS;
    for (let k = 0; k < bins; k++) re[k] = power[k];
    // Running sum of the power spectrum (in `im`, no longer needed), for a moving average over
    // one harmonic's width.
    im[0] = 0;
    for (let k = 0; k < bins; k++) im[k + 1] = im[k] + re[k];
    const half = Math.max(1, Math.round((f0 * NFFT) / SAMPLE_RATE / 2));
    for (let k = 0; k < bins; k++) {
        const lo = Math.max(0, k - half);
        const hi = Math.min(bins - 1, k + half);
        re[k] = (im[hi + 1] - im[lo]) / (hi - lo + 1);
    }
    const logMel = new Float64Array(MEL_BANDS);
    for (let m = 0; m < MEL_BANDS; m++) {
        const { start: s, w } = FILTERS[m];
        let e = 0;
        for (let k = 0; k < w.length; k++) e += w[k] * re[s + k];
        logMel[m] = Math.log(e + 1e-10);
    }
    const mfcc = new Float64Array(CEPSTRA);
    for (let i = 0; i < CEPSTRA; i++) {
        let s = 0;
        for (let m = 0; m < MEL_BANDS; m++) s += DCT[i][m] * logMel[m];
        mfcc[i] = s;
    }
    return mfcc;
}

/** Pitch of the PFRAME window at `start`: autocorrelation as the FFT of the power spectrum. */
function pitchAt(samples: Float32Array, start: number, re: Float64Array, im: Float64Array): number | null {
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < PFRAME; i++) re[i] = samples[start + i] * PHAMMING[i];
    fft(re, im);
    // The power spectrum is real and even, so a forward FFT gives the autocorrelation up to a
    // constant; zero-padding (PFRAME + SR/MIN_F0 < NFFT) keeps the lags read free of wrap-around.
    for (let k = 0; k < NFFT; k++) {
        re[k] = re[k] * re[k] + im[k] * im[k];
        im[k] = 0;
    }
    fft(re, im);
    const r0 = re[0] / WINDOW_AC[0];
    if (!(r0 > 0)) return null;
    const norm = (lag: number) => re[lag] / WINDOW_AC[lag] / r0;
    const minLag = Math.floor(SAMPLE_RATE / MAX_F0);
    const maxLag = Math.ceil(SAMPLE_RATE / MIN_F0);
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
    return SAMPLE_RATE / (bestLag + Math.max(-0.5, Math.min(0.5, shift)));
}
