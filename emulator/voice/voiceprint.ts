/**
 * Voiceprints: the whole speaker model of the emulator behind three functions,
 * `computeVoiceprint` (audio -> voiceprint), `voiceprintDistance` and `similarity` (two
 * voiceprints -> 0-100), and the search features a fraudster search stores and scores
 * (`encodeSearchFeatures`, `similarityOfFeatures`).
 *
 * Since v7 (issue 25) a voiceprint is a speaker embedding (speakerModel.ts): the voiced frames'
 * mel cepstra and pitch (speechFrames.ts: telephone band, noise subtracted and masked) adapt a
 * Gaussian mixture of many voices, and a linear discriminant trained on synthetic voices read
 * at other pitches, rates, sentences, channels and noise projects the adapted means to 200
 * values of unit length (v8: the same method as v7, a larger mixture and embedding trained on
 * three times the voices; v9: twice v8's mixture, trained on twice its voices; v10: twice v9's
 * mixture and a larger embedding, trained on half as many voices again). Two voiceprints
 * compare by the cosine of their embeddings, which a logistic placed on voices the model never
 * saw maps to 0-100. The model, its training and its figures are in emulator/README.md; v5's
 * handcrafted statistics (the cepstral Gaussian, the formant regression, the frame matching)
 * are gone with their pitch problem.
 * @module
 */

import { HOP, SAMPLE_RATE, speechFrames } from "./speechFrames";
import { frameVector } from "./frameVector";
import { cosine, embeddingDims, scoreOfCosine, speakerEmbedding } from "./speakerModel";

export { fft } from "./speechFrames";

/**
 * The voiceprint format: the speaker model's version (speakerModel.ts). Voiceprints and stored
 * search features of another version score 0 against this one: v9's embeddings are of another
 * model, so comparing them with v10's would give numbers, not scores.
 */
export const VOICEPRINT_VERSION = 10;

export interface Voiceprint {
    /** Format version (VOICEPRINT_VERSION); voiceprints of another version score 0 against this one. */
    v: typeof VOICEPRINT_VERSION;
    /** The speaker embedding (unit length, 6 decimals); null without voiced speech. */
    embedding: number[] | null;
    /** Median pitch of voiced frames, in semitones above 55 Hz; null when no voiced frame. */
    pitch: number | null;
    /** Seconds of speech (frames kept by the energy gate, voiced or not). */
    speechSeconds: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Computes the voiceprint of one or more recordings (8 kHz float samples) of one speaker.
 * At most `maxSecondsPerInput` of each input are analyzed (bounds CPU per request).
 */
export function computeVoiceprint(inputs: Float32Array[], maxSecondsPerInput = 120): Voiceprint {
    const frames: Float64Array[] = [];
    const f0s: number[] = [];
    let speech = 0;
    for (const samples of inputs) {
        for (const f of speechFrames(samples.subarray(0, Math.min(samples.length, maxSecondsPerInput * SAMPLE_RATE)))) {
            speech++;
            if (f.f0 === null || f.mfcc === null) continue;
            frames.push(frameVector(f.mfcc, f.f0));
            f0s.push(f.f0);
        }
    }
    f0s.sort((a, b) => a - b);
    // A handful of voiced frames is a click or a breath, not a voice.
    const voiced = f0s.length >= 5;
    const embedding = voiced ? speakerEmbedding(frames) : null;
    return {
        v: VOICEPRINT_VERSION,
        // -0 as 0: JSON writes -0 as 0, and the search features stored from the JSON equal these.
        embedding: embedding && Array.from(embedding, (x) => round(x, 6) || 0),
        pitch: voiced ? round(12 * Math.log2(f0s[Math.floor(f0s.length / 2)] / 55), 3) : null,
        speechSeconds: (speech * HOP) / SAMPLE_RATE,
    };
}

/**
 * Exactly what the score reads of a voiceprint (its embedding): what a search stores per
 * fraudster (`encodeSearchFeatures`), so that it never parses a whole voiceprint. null: a
 * voiceprint that scores 0 against any other (another version, no voiced speech).
 */
export interface SearchFeatures {
    embedding: Float64Array;
}

/** The search features of a voiceprint, or null when it cannot be compared (it scores 0). */
export function searchFeatures(v: Voiceprint): SearchFeatures | null {
    if (v.v !== VOICEPRINT_VERSION || !Array.isArray(v.embedding) || v.embedding.length !== embeddingDims())
        return null;
    return { embedding: Float64Array.from(v.embedding) };
}

/**
 * The features as stored: the version, then the embedding, as little-endian float64s (the
 * voiceprint's own values, so the scores are identical); empty when the voiceprint cannot be
 * compared. The version goes with them because a database outlives a model: v7 stored its
 * embedding alone, and an embedding of another model must not be read as one of this.
 */
export function encodeSearchFeatures(v: Voiceprint): Uint8Array {
    const f = searchFeatures(v);
    if (!f) return new Uint8Array(0);
    const bytes = Buffer.alloc(8 * (1 + f.embedding.length));
    bytes.writeDoubleLE(VOICEPRINT_VERSION, 0);
    f.embedding.forEach((d, i) => bytes.writeDoubleLE(d, 8 * (i + 1)));
    return bytes;
}

/**
 * Reads what `encodeSearchFeatures` wrote (null: scores 0, also for a missing or malformed
 * value, or one another version stored: v5's and v7's have no version and other lengths).
 */
export function decodeSearchFeatures(stored: Uint8Array | null | undefined): SearchFeatures | null {
    if (!stored || stored.length !== 8 * (1 + embeddingDims())) return null;
    const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
    if (bytes.readDoubleLE(0) !== VOICEPRINT_VERSION) return null;
    const embedding = new Float64Array(stored.length / 8 - 1);
    for (let i = 0; i < embedding.length; i++) embedding[i] = bytes.readDoubleLE(8 * (i + 1));
    return { embedding };
}

/** Similarity of two voiceprints' search features, an integer 0-100 (null: cannot be compared, 0). */
export function similarityOfFeatures(a: SearchFeatures | null, b: SearchFeatures | null): number {
    return a && b ? scoreOfCosine(cosine(a.embedding, b.embedding)) : 0;
}

/** Distance between two voiceprints: 1 - the cosine of their embeddings (0 = identical, at most 2; Infinity when they cannot be compared). */
export function voiceprintDistance(a: Voiceprint, b: Voiceprint): number {
    const fa = searchFeatures(a);
    const fb = searchFeatures(b);
    return fa && fb ? Math.max(0, 1 - cosine(fa.embedding, fb.embedding)) : Infinity;
}

/** Similarity of two voiceprints, an integer 0-100 (100 = identical): the score of their search features. */
export function similarity(a: Voiceprint, b: Voiceprint): number {
    return similarityOfFeatures(searchFeatures(a), searchFeatures(b));
}
