/**
 * AWS client factory for provider code: one client per (service, region, endpoint), created on
 * first use and reused for the life of the provider process.
 *
 * SDK-level retries are turned off (`maxAttempts: 1`): retries are done by `withRetry`, bounded
 * by the resource's timeout instead of a fixed attempt count, and observable in tests.
 * Observers let tests and benchmarks count the calls each client makes.
 * @module
 */
import type { S3Client } from "@aws-sdk/client-s3";
import type { VoiceIDClient } from "@aws-sdk/client-voice-id";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { KMSClient } from "@aws-sdk/client-kms";
import { AmbientTarget, TargetInputs, TargetOutputs, effectiveRegionOf } from "./scope";
import { ClientSettings, resolveEndpoint, resolveRegion } from "./settings";

/** Called once for every client created (tests attach middleware here to count calls). */
export type ClientObserver = (client: { middlewareStack: any }, serviceId: string) => void;

const observers: ClientObserver[] = [];
const cache = new Map<string, unknown>();

/** Registers an observer for clients created from now on; returns a function that removes it. */
export function observeClients(observer: ClientObserver): () => void {
    observers.push(observer);
    return () => {
        const i = observers.indexOf(observer);
        if (i >= 0) observers.splice(i, 1);
    };
}

/** Forgets every cached client (tests switch endpoints between cases). */
export function resetClients(): void {
    for (const c of cache.values()) (c as { destroy?: () => void }).destroy?.();
    cache.clear();
}

function cached<T>(serviceId: string, settings: ClientSettings, make: () => T): T {
    const key = `${serviceId}|${settings.region ?? ""}|${settings.endpoint ?? ""}`;
    let client = cache.get(key) as T | undefined;
    if (!client) {
        client = make();
        for (const o of observers) o(client as { middlewareStack: any }, serviceId);
        cache.set(key, client);
    }
    return client;
}

function baseConfig(settings: ClientSettings) {
    return {
        ...(settings.region ? { region: settings.region } : {}),
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        maxAttempts: 1,
    };
}

/** A Voice ID client; the SDK module is loaded on first use only. */
export function voiceIdClient(settings: ClientSettings): VoiceIDClient {
    return cached("Voice ID", settings, () => {
        const { VoiceIDClient } = require("@aws-sdk/client-voice-id") as typeof import("@aws-sdk/client-voice-id");
        return new VoiceIDClient(baseConfig(settings));
    });
}

/**
 * An S3 client. Path-style addressing when a custom endpoint is set: local S3-compatible services
 * (moto, MinIO) rarely resolve `<bucket>.<host>` names.
 */
export function s3Client(settings: ClientSettings): S3Client {
    return cached("S3", settings, () => {
        const { S3Client } = require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3");
        return new S3Client({ ...baseConfig(settings), ...(settings.endpoint ? { forcePathStyle: true } : {}) });
    });
}

/** An IAM client (the preflight reads and simulates the data access role's policies). */
export function iamClient(settings: ClientSettings): IAMClient {
    return cached("IAM", settings, () => {
        const { IAMClient } = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
        return new IAMClient(baseConfig(settings));
    });
}

/** A KMS client (the preflight describes keys and reads their key policies). */
export function kmsClient(settings: ClientSettings): KMSClient {
    return cached("KMS", settings, () => {
        const { KMSClient } = require("@aws-sdk/client-kms") as typeof import("@aws-sdk/client-kms");
        return new KMSClient(baseConfig(settings));
    });
}

/**
 * Where calls go in this process when a resource declares nothing: the environment's region
 * (else the shared config profile's, as the SDK resolves it) and Voice ID endpoint.
 */
export async function ambientTarget(env: NodeJS.ProcessEnv = process.env): Promise<AmbientTarget> {
    let region = resolveRegion({}, env);
    if (!region) {
        try {
            region = await voiceIdClient({}).config.region();
        } catch {
            // No region anywhere: calls would fail too; the plan cannot compare regions.
        }
    }
    return { region, endpoint: resolveEndpoint("Voice ID", {}, env) };
}

/** The region a resource with these inputs lives in (see `scope.ts`). */
export async function effectiveRegion(inputs: TargetInputs): Promise<string | undefined> {
    return effectiveRegionOf(inputs, await ambientTarget());
}

/**
 * `outs` with the resource's effective region recorded: the one `from` records, else the one
 * its inputs resolve to now (create, update, and refresh of states written before it was kept).
 */
export async function withEffectiveRegion<T extends object>(
    outs: T,
    from: TargetInputs & TargetOutputs,
): Promise<T & TargetOutputs> {
    const region = from.effectiveRegion ?? (await effectiveRegion(from));
    return region ? { ...outs, effectiveRegion: region } : outs;
}
