/**
 * RIFF/WAVE parsing and writing, limited to what Voice ID accepts: PCM 16-bit, 8 kHz,
 * one or two channels (WAVE_FORMAT_PCM or WAVE_FORMAT_EXTENSIBLE with the PCM sub-format).
 * @module
 */
import { WavError } from "./errors";

// Part of this module's public path (pulumi-voiceid/emulator/wav): callers catch it from here.
export { WavError };

export interface WavInfo {
    formatTag: number;
    channels: number;
    sampleRate: number;
    bitsPerSample: number;
    /** Frames (samples per channel). */
    frames: number;
    durationSeconds: number;
}

export interface Wav extends WavInfo {
    /** Samples of one channel as floats in [-1, 1). */
    channel(index: number): Float32Array;
}

const PCM = 1;
const EXTENSIBLE = 0xfffe;

/** Parses a WAV file. Throws WavError for anything that is not RIFF/WAVE PCM. */
export function parseWav(buf: Buffer): Wav {
    if (buf.length < 12 || buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") {
        throw new WavError("The audio file is not a RIFF/WAVE (.wav) file");
    }
    let fmt:
        | { formatTag: number; channels: number; sampleRate: number; bitsPerSample: number; blockAlign: number }
        | undefined;
    let data: { offset: number; length: number } | undefined;
    let off = 12;
    while (off + 8 <= buf.length) {
        const id = buf.toString("ascii", off, off + 4);
        const size = buf.readUInt32LE(off + 4);
        const body = off + 8;
        if (id === "fmt ") {
            if (size < 16 || body + 16 > buf.length) throw new WavError("The WAV fmt chunk is truncated");
            let formatTag = buf.readUInt16LE(body);
            if (formatTag === EXTENSIBLE && size >= 40) formatTag = buf.readUInt16LE(body + 24); // sub-format GUID's first 2 bytes
            fmt = {
                formatTag,
                channels: buf.readUInt16LE(body + 2),
                sampleRate: buf.readUInt32LE(body + 4),
                blockAlign: buf.readUInt16LE(body + 12),
                bitsPerSample: buf.readUInt16LE(body + 14),
            };
        } else if (id === "data") {
            // Streaming writers leave size 0 or 0xFFFFFFFF: take what is there. Any other size is a
            // promise: a file holding less was cut short (an interrupted upload), not audio to judge.
            const streamed = size === 0 || size === 0xffffffff;
            if (!streamed && body + size > buf.length) {
                throw new WavError(
                    `The WAV file is truncated: its data chunk declares ${size} bytes of audio but the file holds ${buf.length - body}`,
                );
            }
            const length = streamed ? buf.length - body : size;
            data = { offset: body, length };
            break;
        }
        off = body + size + (size & 1);
    }
    if (!fmt) throw new WavError("The WAV file has no fmt chunk");
    if (!data) throw new WavError("The WAV file has no data chunk");
    if (fmt.formatTag !== PCM)
        throw new WavError(`Unsupported audio encoding (WAV format tag ${fmt.formatTag}); PCM-16 is required`);
    if (fmt.bitsPerSample !== 16)
        throw new WavError(`Unsupported sample size ${fmt.bitsPerSample} bits; PCM-16 is required`);
    if (fmt.sampleRate !== 8000)
        throw new WavError(`Unsupported sample rate ${fmt.sampleRate} Hz; 8000 Hz is required`);
    if (fmt.channels < 1 || fmt.channels > 2)
        throw new WavError(`Unsupported channel count ${fmt.channels}; mono or stereo is required`);
    const blockAlign = fmt.channels * 2;
    const frames = Math.floor(data.length / blockAlign);
    const { offset } = data;
    const info: WavInfo = {
        formatTag: fmt.formatTag,
        channels: fmt.channels,
        sampleRate: fmt.sampleRate,
        bitsPerSample: fmt.bitsPerSample,
        frames,
        durationSeconds: frames / fmt.sampleRate,
    };
    return {
        ...info,
        channel(index: number): Float32Array {
            if (index < 0 || index >= fmt!.channels)
                throw new WavError(`ChannelId ${index} does not exist in a ${fmt!.channels}-channel file`);
            const out = new Float32Array(frames);
            for (let i = 0, p = offset + index * 2; i < frames; i++, p += blockAlign)
                out[i] = buf.readInt16LE(p) / 32768;
            return out;
        },
    };
}

/** Encodes channels of float samples in [-1, 1] as a PCM-16 WAV file. */
export function encodeWav(channels: Float32Array[], sampleRate = 8000): Buffer {
    const n = channels.length;
    const frames = Math.min(...channels.map((c) => c.length));
    const dataBytes = frames * n * 2;
    const buf = Buffer.alloc(44 + dataBytes);
    buf.write("RIFF", 0, "ascii");
    buf.writeUInt32LE(36 + dataBytes, 4);
    buf.write("WAVE", 8, "ascii");
    buf.write("fmt ", 12, "ascii");
    buf.writeUInt32LE(16, 16);
    buf.writeUInt16LE(PCM, 20);
    buf.writeUInt16LE(n, 22);
    buf.writeUInt32LE(sampleRate, 24);
    buf.writeUInt32LE(sampleRate * n * 2, 28);
    buf.writeUInt16LE(n * 2, 32);
    buf.writeUInt16LE(16, 34);
    buf.write("data", 36, "ascii");
    buf.writeUInt32LE(dataBytes, 40);
    let p = 44;
    for (let i = 0; i < frames; i++) {
        for (let c = 0; c < n; c++) {
            const v = Math.max(-1, Math.min(1, channels[c][i]));
            buf.writeInt16LE(Math.round(v < 0 ? v * 32768 : v * 32767), p);
            p += 2;
        }
    }
    return buf;
}
