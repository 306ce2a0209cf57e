/**
 * Frame-level comparison of two voices (the nearest-neighbour measure of Higgins, Bahler and
 * Porter, 1993, "Voice identification using nearest-neighbor distance measure"), used by
 * emulator/voice/voiceprint.ts.
 *
 * A voiceprint keeps a bounded sample of its voiced frames' mel cepstra. Two recordings with
 * different words still share many sounds, and the nearest frame of the other recording is
 * usually the same sound: nearest-neighbour matching is a rough phonetic alignment without a
 * speech recognizer. Over the best-matching frames:
 *  - `nearest`: how close the matches are: the trimmed mean of the squared nearest-neighbour
 *    distances, each way, minus the same measure of each set against itself (the Higgins
 *    normalization: a voice that varies a lot matches itself loosely too); negative when the two
 *    match each other more closely than themselves;
 *  - `bias`: whether the matched frames differ systematically (the mean residual of matched
 *    pairs against its spread, summed over the coefficients). The same voice saying the same
 *    sound differs at random; another voice (other formant bandwidths, breathiness, spectral
 *    tilt) differs the same way every time;
 *  - `warp`: the formant shift between matched pairs, the least-squares factor of the log-mel
 *    spectrum's slope along log frequency that explains their difference (0.03 = formants 3%
 *    higher). A longer or shorter vocal tract moves every formant by the same factor, which
 *    different words do not.
 * @module
 */

import { CEPSTRA, DCT, MEL_BANDS, melCentreHz } from "./speechFrames";

/** Frames a voiceprint keeps at most (every second voiced frame or fewer). */
export const MAX_FRAMES = 100;
/** Kept frames fewer than this many steps apart are not each other's neighbours within a set. */
const ADJACENT = 2;
/** Share of nearest-neighbour distances averaged: the best-matching ones. */
const NEAREST_SHARE = 0.3;
/** Share of matched pairs, best first, that the bias and the warp are estimated from. */
const ALIGNED_SHARE = 0.5;
/** Floor of the residual variance per coefficient, so that near-identical audio has no bias. */
const VARIANCE_FLOOR = 0.01;

/** Every second voiced frame, or evenly spaced ones up to MAX_FRAMES: n x CEPSTRA values. */
export function keepFrames(voiced: Float64Array[]): Float64Array {
    const step = Math.max(2, voiced.length / MAX_FRAMES);
    const count = voiced.length ? Math.floor((voiced.length - 1) / step) + 1 : 0;
    const out = new Float64Array(count * CEPSTRA);
    for (let k = 0; k < count; k++) out.set(voiced[Math.floor(k * step)], k * CEPSTRA);
    return out;
}

function dist2(a: Float64Array, i: number, b: Float64Array, j: number): number {
    let s = 0;
    for (let k = 0, p = i * CEPSTRA, q = j * CEPSTRA; k < CEPSTRA; k++, p++, q++) {
        const t = a[p] - b[q];
        s += t * t;
    }
    return s;
}

/** Mean of the smallest `share` of xs. */
function lowerMean(xs: Float64Array, share: number): number {
    const sorted = Float64Array.from(xs).sort();
    const n = Math.max(1, Math.floor(sorted.length * share));
    let s = 0;
    for (let i = 0; i < n; i++) s += sorted[i];
    return s / n;
}

/** How loosely a set of frames matches itself: the Higgins normalization term. */
export function selfSpread(frames: Float64Array): number {
    const n = frames.length / CEPSTRA;
    const nearest = new Float64Array(n).fill(Infinity);
    for (let i = 0; i < n; i++) {
        for (let j = i + ADJACENT + 1; j < n; j++) {
            const d = dist2(frames, i, frames, j);
            if (d < nearest[i]) nearest[i] = d;
            if (d < nearest[j]) nearest[j] = d;
        }
    }
    return n > 2 * ADJACENT + 1 ? lowerMean(nearest, NEAREST_SHARE) : 0;
}

/** 1 / (2 x the log-frequency span) around each mel filter, for the spectral slope. */
const SLOPE_SCALE = Float64Array.from({ length: MEL_BANDS }, (_, m) =>
    m > 0 && m < MEL_BANDS - 1 ? 1 / 2 / (Math.log(melCentreHz(m + 1)) - Math.log(melCentreHz(m - 1))) : 0,
);

/** Log-mel spectra (up to a constant: the inverse of the cepstrum's DCT) of frames, on demand. */
function spectra(frames: Float64Array): (i: number) => Float64Array {
    const n = frames.length / CEPSTRA;
    const out = new Float64Array(n * MEL_BANDS);
    const done = new Uint8Array(n);
    return (i) => {
        const s = out.subarray(i * MEL_BANDS, (i + 1) * MEL_BANDS);
        if (!done[i]) {
            done[i] = 1;
            for (let c = 0; c < CEPSTRA; c++) {
                const x = frames[i * CEPSTRA + c];
                const row = DCT[c];
                for (let m = 0; m < MEL_BANDS; m++) s[m] += x * row[m];
            }
        }
        return s;
    };
}

/** Indices of the `share` smallest values of xs (at least one). */
function smallest(xs: Float64Array, share: number): number[] {
    const n = Math.max(1, Math.floor(xs.length * share));
    const limit = Float64Array.from(xs).sort()[n - 1];
    const out: number[] = [];
    for (let i = 0; i < xs.length && out.length < n; i++) if (xs[i] <= limit) out.push(i);
    return out;
}

/** Nearest neighbours of each frame of a in b and of each frame of b in a. */
export interface NearestFrames {
    /** The nearest-neighbour distance beyond both sets' own spread (may be negative). */
    nearest: number;
    rowMin: Float64Array;
    rowArg: Int32Array;
    colMin: Float64Array;
    colArg: Int32Array;
}

/** Matches frame sets a and b (each with its selfSpread): the costly step of a comparison. */
export function nearestFrames(a: Float64Array, spreadA: number, b: Float64Array, spreadB: number): NearestFrames {
    const na = a.length / CEPSTRA;
    const nb = b.length / CEPSTRA;
    const rowMin = new Float64Array(na).fill(Infinity);
    const rowArg = new Int32Array(na);
    const colMin = new Float64Array(nb).fill(Infinity);
    const colArg = new Int32Array(nb);
    for (let i = 0; i < na; i++) {
        const p = i * CEPSTRA;
        for (let j = 0; j < nb; j++) {
            const q = j * CEPSTRA;
            // The low coefficients carry most of the distance: stop once it is above both minima.
            const bound = Math.max(rowMin[i], colMin[j]);
            let d = 0;
            for (let k = 0; k < CEPSTRA && d < bound; k += 4) {
                const t0 = a[p + k] - b[q + k];
                const t1 = a[p + k + 1] - b[q + k + 1];
                const t2 = a[p + k + 2] - b[q + k + 2];
                const t3 = a[p + k + 3] - b[q + k + 3];
                d += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
            }
            if (d < rowMin[i]) {
                rowMin[i] = d;
                rowArg[i] = j;
            }
            if (d < colMin[j]) {
                colMin[j] = d;
                colArg[j] = i;
            }
        }
    }
    const nearest = (lowerMean(rowMin, NEAREST_SHARE) - spreadA + lowerMean(colMin, NEAREST_SHARE) - spreadB) / 2;
    return { nearest, rowMin, rowArg, colMin, colArg };
}

/** The bias and the warp of the best-matched frame pairs of a and b. */
export function matchedDifferences(
    a: Float64Array,
    b: Float64Array,
    match: NearestFrames,
): { bias: number; warp: number } {
    const { rowMin, rowArg, colMin, colArg } = match;
    // Matched pairs (frame of a, frame of b): the best-matching share of each direction.
    const pairs: [number, number][] = [];
    for (const i of smallest(rowMin, ALIGNED_SHARE)) pairs.push([i, rowArg[i]]);
    for (const j of smallest(colMin, ALIGNED_SHARE)) pairs.push([colArg[j], j]);

    const mean = new Float64Array(CEPSTRA);
    const square = new Float64Array(CEPSTRA);
    const specA = spectra(a);
    const specB = spectra(b);
    let num = 0;
    let den = 0;
    for (const [i, j] of pairs) {
        for (let c = 0; c < CEPSTRA; c++) {
            const r = a[i * CEPSTRA + c] - b[j * CEPSTRA + c];
            mean[c] += r;
            square[c] += r * r;
        }
        const sa = specA(i);
        const sb = specB(j);
        for (let m = 1; m < MEL_BANDS - 1; m++) {
            const slope = (sa[m + 1] + sb[m + 1] - sa[m - 1] - sb[m - 1]) * SLOPE_SCALE[m];
            num += (sa[m] - sb[m]) * slope;
            den += slope * slope;
        }
    }
    let bias = 0;
    const n = pairs.length;
    for (let c = 0; c < CEPSTRA; c++) {
        const m = mean[c] / n;
        const variance = n > 1 ? (square[c] - n * m * m) / (n - 1) : 0;
        bias += (m * m) / (Math.max(variance, 0) + VARIANCE_FLOOR);
    }
    return { bias, warp: den > 0 ? Math.abs(num / den) : 0 };
}
