/**
 * What every pulumi-voiceid dynamic resource shares: validation rules, where calls go, AWS
 * clients, error classification, retries, the adaptive waiter, redaction and the lazy provider.
 * @module
 */
export * from "./validation";
export * from "./settings";
export * from "./clients";
export * from "./errors";
export * from "./retry";
export * from "./waiter";
export * from "./clock";
export * from "./redact";
export * from "./data";
export * from "./log";
export * from "./lazyProvider";
export * from "./partial";
export * from "./voiceIdCalls";
