/**
 * A client for the emulator-only operations (`X-Amz-Target: VoiceIDLocal.<Op>`), which no AWS
 * SDK knows: the request is an ordinary AWS JSON 1.0 call, SigV4-signed for service `voiceid`.
 * @module
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from "./config";

export interface LocalCallOptions {
    /** The emulator's URL (default: AWS_ENDPOINT_URL_VOICE_ID). */
    endpoint?: string;
    /** Default: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else the emulator's default key. */
    credentials?: { accessKeyId: string; secretAccessKey: string };
    /** Default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
    region?: string;
}

/** The HTTP status and JSON body of a local operation's answer (errors included). */
export interface LocalCallResult {
    status: number;
    body: Record<string, unknown>;
}

/** Calls `VoiceIDLocal.<operation>` with a JSON input. */
export async function callLocalOperation(
    operation: string,
    input: object,
    options: LocalCallOptions = {},
): Promise<LocalCallResult> {
    const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_VOICE_ID;
    if (!endpoint) throw new Error("no endpoint: pass one or set AWS_ENDPOINT_URL_VOICE_ID (source .local/stack.env)");
    const url = new URL(endpoint);
    const body = JSON.stringify(input);
    const credentials =
        options.credentials ??
        (process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY
            ? { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }
            : { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY });
    const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    const signer = new SignatureV4({ credentials, region, service: "voiceid", sha256: Sha256 });
    const request = await signer.sign(
        new HttpRequest({
            method: "POST",
            protocol: url.protocol,
            hostname: url.hostname,
            port: url.port ? Number(url.port) : undefined,
            path: "/",
            body,
            headers: {
                host: url.host,
                "content-type": "application/x-amz-json-1.0",
                "x-amz-target": `VoiceIDLocal.${operation}`,
            },
        }),
    );
    const res = await fetch(new URL("/", url), { method: "POST", headers: request.headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
