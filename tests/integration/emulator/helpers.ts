import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 } from "@aws-crypto/sha256-js";
import {
    DescribeFraudsterRegistrationJobCommand,
    DescribeSpeakerEnrollmentJobCommand,
    StartFraudsterRegistrationJobCommand,
    type FraudsterRegistrationJob,
    type StartFraudsterRegistrationJobCommandInput,
    type SpeakerEnrollmentJob,
    type VoiceIDClient,
} from "@aws-sdk/client-voice-id";
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from "../../../emulator/index";
import { callLocalOperation } from "../../../emulator/localClient";
import { jobLocations, type LocalStack, type RegistrationSeed } from "../../support/localStack";

export const creds = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };

/** Sends a raw JSON 1.0 request, SigV4-signed unless told otherwise (for what the SDK never sends). */
export async function rawRequest(
    endpoint: string,
    target: string | undefined,
    body: string,
    opts: { secret?: string; sign?: boolean; date?: Date } = {},
): Promise<{ status: number; body: Record<string, string> }> {
    const url = new URL(endpoint);
    const headers: Record<string, string> = { host: url.host, "content-type": "application/x-amz-json-1.0" };
    if (target) headers["x-amz-target"] = target;
    let req = new HttpRequest({
        method: "POST",
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path: "/",
        headers,
        body,
    });
    if (opts.sign !== false) {
        const signer = new SignatureV4({
            credentials: { ...creds, secretAccessKey: opts.secret ?? creds.secretAccessKey },
            region: "us-east-1",
            service: "voiceid",
            sha256: Sha256,
        });
        req = (await signer.sign(req, { signingDate: opts.date })) as HttpRequest;
    }
    const res = await fetch(endpoint.replace(/\/$/, "") + "/", { method: "POST", headers: req.headers, body });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
}

export const TERMINAL = ["COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"];

/** Polls a job's Describe call until a terminal status. */
async function pollJob<J extends { JobStatus?: string }>(
    describe: () => Promise<J>,
    jobId: string,
    timeoutMs: number,
    onPoll?: (j: J) => void,
): Promise<J> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const job = await describe();
        onPoll?.(job);
        if (TERMINAL.includes(job.JobStatus!)) return job;
        if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.JobStatus} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
    }
}

/** Polls a job's Describe call every 50 ms until it reports at least `percent` complete. */
export async function waitForProgress(
    describe: () => Promise<{ JobProgress?: { PercentComplete?: number } } | undefined>,
    percent: number,
): Promise<void> {
    while (((await describe())?.JobProgress?.PercentComplete ?? 0) < percent)
        await new Promise((r) => setTimeout(r, 50));
}

/** Polls DescribeFraudsterRegistrationJob until a terminal status. */
export function waitForJob(
    client: VoiceIDClient,
    domainId: string,
    jobId: string,
    timeoutMs = 60_000,
    onPoll?: (j: FraudsterRegistrationJob) => void,
): Promise<FraudsterRegistrationJob> {
    return pollJob(
        async () =>
            (await client.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: jobId }))).Job!,
        jobId,
        timeoutMs,
        onPoll,
    );
}

/** Starts a fraudster registration job on a seed (plus `extra` request members) and waits for its end. */
export async function registerAndWait(
    stack: LocalStack,
    domainId: string,
    seed: RegistrationSeed,
    extra: Partial<StartFraudsterRegistrationJobCommandInput> = {},
): Promise<FraudsterRegistrationJob> {
    const { Job } = await stack.voiceId.send(
        new StartFraudsterRegistrationJobCommand({ DomainId: domainId, ...jobLocations(seed), ...extra }),
    );
    return waitForJob(stack.voiceId, domainId, Job!.JobId!);
}

/** Polls DescribeSpeakerEnrollmentJob until a terminal status. */
export function waitForEnrollmentJob(
    client: VoiceIDClient,
    domainId: string,
    jobId: string,
    timeoutMs = 60_000,
): Promise<SpeakerEnrollmentJob> {
    return pollJob(
        async () =>
            (await client.send(new DescribeSpeakerEnrollmentJobCommand({ DomainId: domainId, JobId: jobId }))).Job!,
        jobId,
        timeoutMs,
    );
}

/** Calls the emulator-only VoiceIDLocal.CreateSession (SigV4-signed like any request). */
export async function createSession(
    endpoint: string,
    input: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, string> }> {
    const res = await callLocalOperation("CreateSession", input, { endpoint, credentials: creds, region: "us-east-1" });
    return { status: res.status, body: res.body as Record<string, string> };
}
