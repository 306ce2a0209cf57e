/**
 * What the speaker model (speakerModel.ts) reads of a voiced frame: its 20 mel cepstra
 * (speechFrames.ts) and its pitch. Kept apart from the model so that the trainer's feature
 * writer (scripts/voiceprint-features.ts) needs no trained model.
 * @module
 */

/** Values per frame vector: 20 cepstra and the pitch. */
export const FRAME_DIM = 21;
/** Pitch of the frame vector: (semitones above 55 Hz - PITCH_CENTER) / PITCH_SCALE. */
const PITCH_CENTER = 20;
const PITCH_SCALE = 6;

/** The frame vector of a voiced frame: its mel cepstrum (c1..c20) and its pitch. */
export function frameVector(mfcc: Float64Array, f0: number): Float64Array {
    const out = new Float64Array(FRAME_DIM);
    out.set(mfcc.subarray(0, FRAME_DIM - 1));
    out[FRAME_DIM - 1] = (12 * Math.log2(f0 / 55) - PITCH_CENTER) / PITCH_SCALE;
    return out;
}
