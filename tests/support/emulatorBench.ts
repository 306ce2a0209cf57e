/**
 * What the local service's benchmarks share: the stack with the service as its own process (so
 * its memory can be read), a bucket of recordings, a data access role, a KMS key and a domain;
 * peak RSS; and a fixed-time multi-caller request rate.
 * @module
 */
import * as fs from "node:fs";
import { startLocalStack, type LocalStack, type LocalStackOptions } from "./localStack";

export interface EmulatorBench {
    stack: LocalStack;
    /** The service process's pid. */
    pid: number;
    /** The input bucket (recordings, manifests); results go to `<bucket>-out`. */
    bucket: string;
    /** `recordings` URIs of 2 s of 8 kHz audio: synthetic voice `i % 50`, utterance `i / 50`. */
    uris: string[];
    roleArn: string;
    kmsKeyId: string;
    /** A job's `OutputDataConfig`: `s3://<bucket>-out/results` under the key. */
    output: { S3Uri: string; KmsKeyId: string };
    domainId: string;
}

/** Peak RSS (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** The `p`th percentile (0-100) of ascending `sorted` values. */
export const percentile = (sorted: number[], p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Requests per second of `callers` concurrent callers calling for `seconds`; caller `w` passes
 * `call` the indexes w, w + callers, w + 2 * callers, ...
 */
export async function callsPerSecond(
    callers: number,
    seconds: number,
    call: (i: number) => Promise<unknown>,
): Promise<number> {
    let calls = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(
        Array.from({ length: callers }, async (_, w) => {
            for (let i = w; Date.now() < until; i += callers) {
                await call(i);
                calls++;
            }
        }),
    );
    return Math.round(calls / seconds);
}

/**
 * Runs a benchmark of the local service as a program: sets up {@link EmulatorBench} (bucket
 * names start with `prefix`), prints what `measure` returns as JSON, stops the stack, and exits 1
 * on any failure.
 */
export function runEmulatorBench(
    prefix: string,
    recordings: number,
    measure: (bench: EmulatorBench) => Promise<Record<string, unknown>>,
    stackOptions: LocalStackOptions = {},
): void {
    const main = async () => {
        const stack = await startLocalStack({ emulatorAsProcess: true, logLevel: "warn", ...stackOptions });
        try {
            const bucket = `${prefix}-${process.pid}`;
            await stack.createBucket(bucket);
            await stack.createBucket(`${bucket}-out`);
            const key = await stack.createKmsKey();
            const roleArn = await stack.createDataAccessRole(`${bucket}-role`);
            const uris: string[] = [];
            for (let i = 0; i < recordings; i++)
                uris.push(await stack.putAudio(bucket, `audio/${i}.wav`, i % 50, Math.floor(i / 50), { seconds: 2 }));
            const domainId = await stack.createDomain("bench", key.keyId);
            const results = await measure({
                stack,
                pid: stack.emulatorProcess!.pid,
                bucket,
                uris,
                roleArn,
                kmsKeyId: key.keyId,
                output: { S3Uri: `s3://${bucket}-out/results`, KmsKeyId: key.keyId },
                domainId,
            });
            console.log(JSON.stringify(results, null, 2));
        } finally {
            await stack.stop();
        }
    };
    main().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
