/**
 * The local service's public subpaths survive its source moves (issue 20, item 6): each is
 * required by package name, through package.json "exports", as a user's program would.
 * @module
 */
import * as assert from "assert";
import { computeVoiceprint as fromVoiceFolder } from "../../emulator/voice/voiceprint";
import { WavError as fromErrors } from "../../emulator/errors";

describe("the local service's public subpaths", function () {
    it("pulumi-voiceid/emulator/voiceprint is the voice model's voiceprint module", () => {
        const moved = require("pulumi-voiceid/emulator/voiceprint");
        assert.strictEqual(moved.computeVoiceprint, fromVoiceFolder);
        for (const name of ["similarity", "voiceprintDistance", "similarityOfFeatures"])
            assert.strictEqual(typeof moved[name], "function", name);
    });

    it("pulumi-voiceid/emulator/wav still exports WavError, the one in emulator/errors", () => {
        const wav = require("pulumi-voiceid/emulator/wav");
        assert.strictEqual(wav.WavError, fromErrors);
        assert.throws(
            () => wav.parseWav(Buffer.from("not a wav")),
            (e: unknown) => e instanceof fromErrors,
        );
    });

    it("pulumi-voiceid/voices and pulumi-voiceid/emulator/index keep their functions", () => {
        assert.strictEqual(typeof require("pulumi-voiceid/voices").speakerWav, "function");
        const index = require("pulumi-voiceid/emulator/index");
        for (const name of ["startEmulator", "computeVoiceprint", "similarity", "callLocalOperation"])
            assert.strictEqual(typeof index[name], "function", name);
    });
});
