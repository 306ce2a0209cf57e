/**
 * Long-term formant statistics of a voice, the vocal-tract part of a voiceprint (see
 * voiceprint.ts and emulator/README.md).
 *
 * Per voiced frame, the formants F1-F4 and their bandwidths come from the roots of the
 * 10th-order LPC polynomial (the resonances of the all-pole vocal-tract model). F3, F4 and the
 * bandwidths carry the speaker (vocal-tract length, damping); F1 and F2 mostly carry the vowel.
 * So the voice's statistic is not a plain average, which would move with the words, but a
 * linear regression of log F3, log F4 and log B1..B4 on log F1 and log F2: two voices are
 * compared at the same vowel quality (the midpoint of their mean F1/F2), as a forensic
 * comparison compares formants of the same vowels.
 * @module
 */

const SR = 8000;
/** LPC order of the formant analysis: two poles per formant below 4 kHz, plus two for the slope. */
export const FORMANT_LPC_ORDER = 10;
/** The regressed statistics: log F3, log F4, log B1, log B2, log B3, log B4. */
const STATS = 6;
/**
 * Frames per independent observation: neighbouring 10 ms frames share most of their samples
 * and a syllable's formants move slowly, so n frames count as n / FRAMES_PER_OBSERVATION.
 */
const FRAMES_PER_OBSERVATION = 8;
/** Uncertainty that remains however long the recording (log units): F3, F4, B1..B4. */
const FLOOR = [0.005, 0.003, 0.05, 0.05, 0.05, 0.05];
/** Fewer usable frames than this: no formant statistics (the voiceprint relies on the rest). */
const MIN_FRAMES = 20;
/** Ridge on the regression slopes, so that a voice with little F1/F2 variety stays finite. */
const RIDGE = 1;

/** Long-term formant statistics of a voice (stored in the voiceprint). */
export interface FormantStats {
    /** Mean log F1 and log F2 of the frames used. */
    center: [number, number];
    /** Per statistic (log F3, log F4, log B1..B4): intercept at `center`, slope on log F1, on log F2. */
    coef: number[][];
    /** Per statistic, the standard deviation of the frames around the regression. */
    spread: number[];
    /** Frames used. */
    frames: number;
}

/** One frame's formants: frequencies and bandwidths (Hz) of F1-F4. */
export interface FrameFormants {
    f: [number, number, number, number];
    b: [number, number, number, number];
}

/**
 * Roots of the LPC polynomial z^p - a1 z^(p-1) - ... - ap (a = [1, a1, ..., ap], prediction
 * coefficients), by the Durand-Kerner iteration; the roots with positive imaginary part, as
 * frequency and bandwidth in Hz.
 */
export function lpcResonances(a: Float64Array): { f: number; b: number }[] {
    const p = a.length - 1;
    const re = new Float64Array(p);
    const im = new Float64Array(p);
    for (let k = 0; k < p; k++) {
        const ang = (2 * Math.PI * k) / p + 0.4;
        re[k] = 0.9 * Math.cos(ang);
        im[k] = 0.9 * Math.sin(ang);
    }
    for (let iter = 0; iter < 100; iter++) {
        let moved = 0;
        for (let k = 0; k < p; k++) {
            const zr = re[k];
            const zi = im[k];
            let pr = 1;
            let pi = 0;
            for (let j = 1; j <= p; j++) {
                const nr = pr * zr - pi * zi - a[j];
                pi = pr * zi + pi * zr;
                pr = nr;
            }
            let dr = 1;
            let di = 0;
            for (let j = 0; j < p; j++) {
                if (j === k) continue;
                const er = zr - re[j];
                const ei = zi - im[j];
                const nr = dr * er - di * ei;
                di = dr * ei + di * er;
                dr = nr;
            }
            const den = dr * dr + di * di || 1e-30;
            const qr = (pr * dr + pi * di) / den;
            const qi = (pi * dr - pr * di) / den;
            re[k] -= qr;
            im[k] -= qi;
            moved = Math.max(moved, Math.abs(qr) + Math.abs(qi));
        }
        if (moved < 1e-6) break;
    }
    const out: { f: number; b: number }[] = [];
    for (let k = 0; k < p; k++) {
        if (!(im[k] > 0)) continue;
        out.push({
            f: (Math.atan2(im[k], re[k]) * SR) / (2 * Math.PI),
            b: (-Math.log(Math.hypot(re[k], im[k])) * SR) / Math.PI,
        });
    }
    return out.sort((x, y) => x.f - y.f);
}

/**
 * F1-F4 of a frame from its LPC coefficients, or null when the resonances do not give four
 * plausible formants (each within its usual range, above the previous one, bandwidth < 600 Hz).
 */
export function frameFormants(a: Float64Array): FrameFormants | null {
    const peaks = lpcResonances(a).filter((x) => x.f > 150 && x.f < 3850 && x.b < 600);
    const pick = (lo: number, hi: number, above: number) => peaks.find((x) => x.f >= lo && x.f <= hi && x.f > above);
    const f1 = pick(200, 1100, 0);
    const f2 = f1 && pick(600, 2700, f1.f + 150);
    const f3 = f2 && pick(1600, 3400, f2.f + 150);
    const f4 = f3 && pick(2600, 3900, f3.f + 200);
    if (!f1 || !f2 || !f3 || !f4) return null;
    return { f: [f1.f, f2.f, f3.f, f4.f], b: [f1.b, f2.b, f3.b, f4.b] };
}

/** Solves the 3x3 system m x = v (Gaussian elimination with partial pivoting). */
function solve3(m: number[][], v: number[]): number[] {
    const a = m.map((row, i) => [...row, v[i]]);
    for (let i = 0; i < 3; i++) {
        let p = i;
        for (let r = i + 1; r < 3; r++) if (Math.abs(a[r][i]) > Math.abs(a[p][i])) p = r;
        [a[i], a[p]] = [a[p], a[i]];
        for (let r = 0; r < 3; r++) {
            if (r === i) continue;
            const f = a[r][i] / a[i][i];
            for (let c = i; c < 4; c++) a[r][c] -= f * a[i][c];
        }
    }
    return a.map((row, i) => row[3] / a[i][i]);
}

/**
 * The long-term statistics of a voice's steady voiced frames (the caller picks them: vowel
 * nuclei, where the formant estimates are reliable); null when fewer than MIN_FRAMES.
 */
export function formantStats(frames: FrameFormants[]): FormantStats | null {
    if (frames.length < MIN_FRAMES) return null;
    const x = frames.map((fr) => [Math.log(fr.f[0]), Math.log(fr.f[1])]);
    const y = frames.map((fr) => [Math.log(fr.f[2]), Math.log(fr.f[3]), ...fr.b.map((b) => Math.log(b))]);
    const center: [number, number] = [0, 1].map((i) => x.reduce((s, v) => s + v[i], 0) / x.length) as [number, number];
    const gram = [0, 1, 2].map(() => [0, 0, 0]);
    const rhs = Array.from({ length: STATS }, () => [0, 0, 0]);
    for (let n = 0; n < frames.length; n++) {
        const u = [1, x[n][0] - center[0], x[n][1] - center[1]];
        for (let i = 0; i < 3; i++) {
            for (let j = 0; j < 3; j++) gram[i][j] += u[i] * u[j];
            for (let k = 0; k < STATS; k++) rhs[k][i] += u[i] * y[n][k];
        }
    }
    gram[1][1] += RIDGE;
    gram[2][2] += RIDGE;
    const coef = rhs.map((r) => solve3(gram, r));
    const spread = coef.map((c, k) => {
        let s = 0;
        for (let n = 0; n < frames.length; n++)
            s += (y[n][k] - (c[0] + c[1] * (x[n][0] - center[0]) + c[2] * (x[n][1] - center[1]))) ** 2;
        return Math.sqrt(s / (frames.length - 3));
    });
    return { center, coef, spread, frames: frames.length };
}

/**
 * Distance of two voices' formant statistics: each statistic's difference at the midpoint of
 * the two voices' mean F1/F2, in units of its standard error (from the frames' spread around
 * the regression, the number of frames, and a floor), root mean square over the statistics.
 * About 1 for two recordings of one voice.
 */
export function formantDistance(a: FormantStats, b: FormantStats): number {
    const mid = [(a.center[0] + b.center[0]) / 2, (a.center[1] + b.center[1]) / 2];
    const at = (s: FormantStats, k: number) =>
        s.coef[k][0] + s.coef[k][1] * (mid[0] - s.center[0]) + s.coef[k][2] * (mid[1] - s.center[1]);
    let sum = 0;
    for (let k = 0; k < STATS; k++) {
        const se2 =
            FRAMES_PER_OBSERVATION * (a.spread[k] ** 2 / a.frames + b.spread[k] ** 2 / b.frames) + FLOOR[k] ** 2;
        sum += ((at(a, k) - at(b, k)) ** 2 / se2) ** 2;
    }
    return (sum / STATS) ** 0.25;
}
