/**
 * Writes the voiced frames of an evaluation set (scripts/gen-voice-eval.sh) as the speaker
 * model sees them (emulator/voice/frameVector.ts), for the trainer
 * (scripts/voicelab/train_voiceprint.py): `<out>.f32`, rows of 1 + FRAME_DIM little-endian
 * float32 (the recording's index in recordings.tsv, then the frame vector), and `<out>.json`,
 * the recordings (file, voice, rate, pitch, noise, channel).
 * Usage: node bin/scripts/voiceprint-features.js <eval dir> <set> <out prefix>
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { speechFrames } from "../emulator/voice/speechFrames";
import { FRAME_DIM, frameVector } from "../emulator/voice/frameVector";
import { parseWav } from "../emulator/wav";

function main(): void {
    const [dir, set, out] = process.argv.slice(2);
    if (!dir || !set || !out) throw new Error("usage: voiceprint-features <eval dir> <set> <out prefix>");
    const rows = fs
        .readFileSync(path.join(dir, set, "recordings.tsv"), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split("\t"));
    const chunks: Float32Array[] = [];
    rows.forEach(([file], index) => {
        for (const f of speechFrames(parseWav(fs.readFileSync(path.join(dir, set, file))).channel(0))) {
            if (f.f0 === null || f.mfcc === null) continue;
            const row = new Float32Array(1 + FRAME_DIM);
            row[0] = index;
            row.set(frameVector(f.mfcc, f.f0), 1);
            chunks.push(row);
        }
    });
    const all = new Float32Array(chunks.length * (1 + FRAME_DIM));
    chunks.forEach((c, i) => all.set(c, i * (1 + FRAME_DIM)));
    fs.writeFileSync(`${out}.f32`, Buffer.from(all.buffer));
    fs.writeFileSync(
        `${out}.json`,
        JSON.stringify(
            rows.map(([file, voice, , rate, pitch, noise, channel]) => ({ file, voice, rate, pitch, noise, channel })),
        ),
    );
    console.log(`${set}: ${rows.length} recordings, ${chunks.length} voiced frames -> ${out}.f32`);
}

main();
