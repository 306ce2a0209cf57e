/**
 * Public path `pulumi-voiceid/emulator/voiceprint`, kept for code that imported the voiceprint
 * from here before it moved to emulator/voice/ (see docs/compatibility.md for when it may go).
 * @module
 */
export * from "./voice/voiceprint";
