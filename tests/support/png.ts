/**
 * A minimal PNG writer (used by tests/bench/voiceprint-eval.ts) (RGB, 8 bits, no filtering) and a 3x5 pixel font for digits and a few
 * letters, so benchmarks can draw a plot with node's zlib and nothing else.
 * @module
 */
import * as zlib from "node:zlib";

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
});

function crc32(buf: Buffer): number {
    let c = -1;
    for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "ascii");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
}

export type Rgb = [number, number, number];

/** An RGB canvas. */
export class Canvas {
    readonly pixels: Uint8Array;
    constructor(
        readonly width: number,
        readonly height: number,
        background: Rgb = [255, 255, 255],
    ) {
        this.pixels = new Uint8Array(width * height * 3);
        for (let i = 0; i < width * height; i++) this.pixels.set(background, i * 3);
    }

    set(x: number, y: number, c: Rgb): void {
        x = Math.round(x);
        y = Math.round(y);
        if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
        this.pixels.set(c, (y * this.width + x) * 3);
    }

    rect(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
        for (let y = Math.round(Math.min(y0, y1)); y <= Math.round(Math.max(y0, y1)); y++) {
            for (let x = Math.round(Math.min(x0, x1)); x <= Math.round(Math.max(x0, x1)); x++) this.set(x, y, c);
        }
    }

    /** Text in the 3x5 font, `scale` pixels per font pixel, top-left at (x, y). */
    text(x: number, y: number, s: string, c: Rgb, scale = 2): void {
        for (const ch of s.toUpperCase()) {
            const glyph = FONT[ch];
            if (glyph) {
                for (let r = 0; r < 5; r++) {
                    for (let col = 0; col < 3; col++)
                        if (glyph[r][col] === "#")
                            this.rect(
                                x + col * scale,
                                y + r * scale,
                                x + col * scale + scale - 1,
                                y + r * scale + scale - 1,
                                c,
                            );
                }
            }
            x += 4 * scale;
        }
    }

    png(): Buffer {
        const raw = Buffer.alloc((this.width * 3 + 1) * this.height);
        for (let y = 0; y < this.height; y++) {
            raw[y * (this.width * 3 + 1)] = 0; // filter: none
            Buffer.from(this.pixels.buffer, this.pixels.byteOffset + y * this.width * 3, this.width * 3).copy(
                raw,
                y * (this.width * 3 + 1) + 1,
            );
        }
        const ihdr = Buffer.alloc(13);
        ihdr.writeUInt32BE(this.width, 0);
        ihdr.writeUInt32BE(this.height, 4);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        return Buffer.concat([
            Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
            chunk("IHDR", ihdr),
            chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
            chunk("IEND", Buffer.alloc(0)),
        ]);
    }
}

const G = (rows: string) => rows.split("/");
const FONT: Record<string, string[]> = {
    "0": G("###/#.#/#.#/#.#/###"),
    "1": G(".#./##./.#./.#./###"),
    "2": G("###/..#/###/#../###"),
    "3": G("###/..#/###/..#/###"),
    "4": G("#.#/#.#/###/..#/..#"),
    "5": G("###/#../###/..#/###"),
    "6": G("###/#../###/#.#/###"),
    "7": G("###/..#/.#./.#./.#."),
    "8": G("###/#.#/###/#.#/###"),
    "9": G("###/#.#/###/..#/###"),
    ".": G(".../.../.../.../.#."),
    "%": G("#.#/..#/.#./#../#.#"),
    "-": G(".../.../###/.../..."),
    ",": G(".../.../.../.#./#.."),
    "(": G(".#./#../#../#../.#."),
    ")": G(".#./..#/..#/..#/.#."),
    ":": G(".../.#./.../.#./..."),
    "=": G(".../###/.../###/..."),
    "/": G("..#/..#/.#./#../#.."),
    A: G(".#./#.#/###/#.#/#.#"),
    B: G("##./#.#/##./#.#/##."),
    C: G("###/#../#../#../###"),
    D: G("##./#.#/#.#/#.#/##."),
    E: G("###/#../##./#../###"),
    F: G("###/#../##./#../#.."),
    "G(": G(")###/#../#.#/#.#/###"),
    H: G("#.#/#.#/###/#.#/#.#"),
    I: G("###/.#./.#./.#./###"),
    J: G("..#/..#/..#/#.#/###"),
    K: G("#.#/#.#/##./#.#/#.#"),
    L: G("#../#../#../#../###"),
    M: G("#.#/###/###/#.#/#.#"),
    N: G("##./#.#/#.#/#.#/#.#"),
    O: G("###/#.#/#.#/#.#/###"),
    P: G("###/#.#/###/#../#.."),
    Q: G("###/#.#/#.#/###/..#"),
    R: G("##./#.#/##./#.#/#.#"),
    S: G("###/#../###/..#/###"),
    T: G("###/.#./.#./.#./.#."),
    U: G("#.#/#.#/#.#/#.#/###"),
    V: G("#.#/#.#/#.#/#.#/.#."),
    W: G("#.#/#.#/###/###/#.#"),
    X: G("#.#/#.#/.#./#.#/#.#"),
    Y: G("#.#/#.#/.#./.#./.#."),
    Z: G("###/..#/.#./#../###"),
};
