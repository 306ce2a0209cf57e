/**
 * The index of a voiceprint evaluation set as scripts/gen-voice-eval.sh writes it
 * (`<set>/recordings.tsv`: file, voice, sentences, rate, pitch, noise, channel), read in one
 * place for the trainer's feature writer (scripts/voiceprint-features.ts) and the evaluation
 * benchmark (tests/bench/voiceprint-eval.ts).
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** One recording of a set: its WAV file (in the set's folder), its voice and its conditions. */
export interface EvalRecording {
    file: string;
    voice: string;
    /** The two sentences' indexes, "a,b". */
    sentences: string;
    /** espeak-ng -s, or "-" for the project's generator. */
    rate: string;
    /** espeak-ng -p, or "-" for the project's generator. */
    pitch: string;
    noise: string;
    channel: string;
}

/** The recordings of `set` in `dir`, in the index's order. */
export function readRecordings(dir: string, set: string): EvalRecording[] {
    return fs
        .readFileSync(path.join(dir, set, "recordings.tsv"), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => {
            const [file, voice, sentences, rate, pitch, noise, channel] = line.split("\t");
            return { file, voice, sentences, rate, pitch, noise, channel };
        });
}
