import * as assert from "node:assert/strict";
import { computeVoiceprint, similarity } from "../../../emulator/voice/voiceprint";
import { speaker, speakerWav, utterance } from "../../../emulator/voices";
import { parseWav } from "../../../emulator/wav";

describe("synthetic test voices (pulumi-voiceid/voices)", () => {
    it("writes 8 kHz mono PCM-16 WAV of the requested length", () => {
        const wav = parseWav(speakerWav(3, 1, { seconds: 2.5 }));
        assert.deepEqual(
            [wav.formatTag, wav.channels, wav.sampleRate, wav.bitsPerSample, wav.frames],
            [1, 1, 8000, 16, 20000],
        );
    });

    it("is deterministic: the same speaker and seed give the same bytes", () => {
        assert.ok(speakerWav(5, 2).equals(speakerWav(5, 2)));
        assert.ok(!speakerWav(5, 2).equals(speakerWav(5, 3)));
    });

    it("puts the speaker on the chosen channel of a stereo file and another voice on the other", () => {
        const wav = parseWav(speakerWav(7, 1, { stereo: true, channel: 1, seconds: 3 }));
        assert.equal(wav.channels, 2);
        const alone = computeVoiceprint([utterance(speaker(7), 2, { seconds: 3 })]);
        assert.ok(similarity(computeVoiceprint([wav.channel(1)]), alone) >= 70, "channel 1 is speaker 7");
        assert.ok(similarity(computeVoiceprint([wav.channel(0)]), alone) < 70, "channel 0 is another voice");
    });

    it("rejects a speaker id that is not a non-negative integer, naming the rule", () => {
        assert.throws(() => speaker(-1), /speaker id must be a non-negative integer, got -1/);
        assert.throws(() => speaker(1.5), /non-negative integer/);
    });

    it("keeps parameters in their documented ranges", () => {
        for (let id = 0; id < 200; id++) {
            const s = speaker(id);
            assert.ok(s.f0 >= 85 && s.f0 <= 270, `f0 ${s.f0}`);
            assert.ok(s.formantScale >= 0.84 && s.formantScale <= 1.14, `formantScale ${s.formantScale}`);
            for (const f of s.formantShape) assert.ok(f >= 0.94 && f <= 1.06);
        }
    });
});
