/**
 * Writes the voiced frames of an evaluation set (scripts/gen-voice-eval.sh) as the speaker
 * model sees them (emulator/voice/frameVector.ts), for the trainer
 * (scripts/voicelab/train_voiceprint.py): `<out>.f32`, rows of 1 + FRAME_DIM little-endian
 * float32 (the recording's index in recordings.tsv, then the frame vector), and `<out>.json`,
 * the recordings (file, voice, rate, pitch, noise, channel). With `<part>/<parts>`, only that
 * contiguous share of the recordings, into `<out>.part<part>.f32` (the parts, concatenated in
 * order, are the whole set's `.f32`), so that a set can be written on every core.
 * Usage: node bin/scripts/voiceprint-features.js <eval dir> <set> <out prefix> [<part>/<parts>]
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { speechFrames } from "../emulator/voice/speechFrames";
import { FRAME_DIM, frameVector } from "../emulator/voice/frameVector";
import { parseWav } from "../emulator/wav";
import { readRecordings } from "./voiceEvalSets";

function main(): void {
    const [dir, set, out, share] = process.argv.slice(2);
    if (!dir || !set || !out)
        throw new Error("usage: voiceprint-features <eval dir> <set> <out prefix> [<part>/<parts>]");
    const [part, parts] = (share ?? "1/1").split("/").map(Number);
    if (!(Number.isInteger(part) && Number.isInteger(parts) && part >= 1 && part <= parts))
        throw new Error(`voiceprint-features: <part>/<parts> must be two integers, 1 <= part <= parts, got "${share}"`);
    const rows = readRecordings(dir, set);
    const first = Math.floor((rows.length * (part - 1)) / parts);
    const end = Math.floor((rows.length * part) / parts);
    const chunks: Float32Array[] = [];
    rows.forEach(({ file }, index) => {
        if (index < first || index >= end) return;
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
    const f32 = share === undefined ? `${out}.f32` : `${out}.part${part}.f32`;
    fs.writeFileSync(f32, Buffer.from(all.buffer));
    // The recordings' list is the whole set's whatever the part: the first part writes it.
    if (part === 1)
        fs.writeFileSync(
            `${out}.json`,
            JSON.stringify(
                rows.map(({ file, voice, rate, pitch, noise, channel }) => ({
                    file,
                    voice,
                    rate,
                    pitch,
                    noise,
                    channel,
                })),
            ),
        );
    console.log(`${set}: recordings ${first + 1}-${end} of ${rows.length}, ${chunks.length} voiced frames -> ${f32}`);
}

main();
