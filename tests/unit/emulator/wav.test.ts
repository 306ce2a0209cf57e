import * as assert from "node:assert/strict";
import { parseWav, encodeWav, WavError } from "../../../emulator/wav";

function withHeader(mutate: (b: Buffer) => void): Buffer {
    const b = encodeWav([new Float32Array(800).fill(0.25)]);
    mutate(b);
    return b;
}

describe("emulator wav parsing", () => {
    it("round-trips mono and stereo PCM-16 at 8 kHz", () => {
        const left = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5) * 0.5);
        const right = Float32Array.from({ length: 100 }, (_, i) => -left[i]);
        const wav = parseWav(encodeWav([left, right]));
        assert.equal(wav.channels, 2);
        assert.equal(wav.sampleRate, 8000);
        assert.equal(wav.frames, 100);
        assert.ok(Math.abs(wav.channel(1)[10] - right[10]) < 1e-4);
        assert.ok(Math.abs(wav.durationSeconds - 100 / 8000) < 1e-9);
    });

    it("rejects what Voice ID does not accept", () => {
        assert.throws(() => parseWav(Buffer.from("not a wav file at all")), WavError);
        assert.throws(() => parseWav(withHeader((b) => b.writeUInt32LE(16000, 24))), /sample rate 16000/);
        assert.throws(() => parseWav(withHeader((b) => b.writeUInt16LE(3, 20))), /format tag 3/);
        assert.throws(() => parseWav(withHeader((b) => b.writeUInt16LE(8, 34))), /8 bits/);
        assert.throws(() => parseWav(withHeader((b) => b.writeUInt16LE(3, 22))), /channel count 3/);
        assert.throws(() => parseWav(encodeWav([new Float32Array(10)])).channel(1), /ChannelId 1/);
    });

    it("rejects a file cut short of what its data chunk declares, but takes a streamed one's size as unknown", () => {
        const cut = encodeWav([new Float32Array(800).fill(0.25)]).subarray(0, 44 + 800);
        assert.throws(
            () => parseWav(cut),
            /The WAV file is truncated: its data chunk declares 1600 bytes of audio but the file holds 800/,
        );
        for (const unknown of [0, 0xffffffff]) {
            const streamed = Buffer.from(cut);
            streamed.writeUInt32LE(unknown, 40);
            assert.equal(parseWav(streamed).frames, 400);
        }
    });

    it("skips unknown chunks before the data chunk", () => {
        const plain = encodeWav([new Float32Array(50).fill(0.5)]);
        const list = Buffer.concat([Buffer.from("LIST"), Buffer.from([4, 0, 0, 0]), Buffer.from("INFO")]);
        const b = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
        b.writeUInt32LE(b.length - 8, 4);
        assert.equal(parseWav(b).frames, 50);
    });
});
