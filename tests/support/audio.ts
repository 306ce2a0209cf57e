/**
 * Speech-like test audio for distinct synthetic speakers: the public generator of
 * emulator/voices.ts (package subpath `pulumi-voiceid/voices`), under the names the tests use.
 * @module
 */
export { rng, speaker, utterance, type Speaker, type UtteranceOptions } from "../../emulator/voices";
export { speakerWav as utteranceWav } from "../../emulator/voices";
