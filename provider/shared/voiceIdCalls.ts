/**
 * The base of each resource's Voice ID call set: one cached client per target (region +
 * endpoint), every call retried per the resource's policy, and the SDK module loaded on first
 * use only, so `check` and `diff` never pay for it.
 * @module
 */
import type { VoiceIDClient } from "@aws-sdk/client-voice-id";
import { voiceIdClient } from "./clients";
import { RetryOptions, withRetry } from "./retry";
import { ClientSettings } from "./settings";

/** The `@aws-sdk/client-voice-id` module. */
export type VoiceIdSdk = typeof import("@aws-sdk/client-voice-id");

/** Loads `@aws-sdk/client-voice-id` (cached by Node after the first call). */
export const voiceIdSdk = (): VoiceIdSdk => require("@aws-sdk/client-voice-id");

/** Voice ID calls for one target, each retried per `retry` (read anew for every call). */
export abstract class VoiceIdCalls {
    readonly client: VoiceIDClient;
    constructor(
        settings: ClientSettings,
        private readonly retry: () => RetryOptions,
    ) {
        this.client = voiceIdClient(settings);
    }

    protected send<T>(command: any): Promise<T> {
        return withRetry(() => this.client.send(command) as Promise<T>, this.retry());
    }
}
