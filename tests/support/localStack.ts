/**
 * A local stack for integration and e2e tests: moto (S3, IAM, KMS, STS) plus an isolated
 * Voice ID emulator with the knobs a test wants, seed helpers, and the env for child processes
 * (AWS CLI, Pulumi) that points every AWS client at them.
 * @module
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { promisify } from "node:util";
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { KMSClient, CreateKeyCommand, CreateAliasCommand } from "@aws-sdk/client-kms";
import {
    CreateDomainCommand,
    ListFraudsterRegistrationJobsCommand,
    ListFraudstersCommand,
    VoiceIDClient,
} from "@aws-sdk/client-voice-id";
import {
    startEmulator,
    DEFAULT_ACCESS_KEY_ID,
    DEFAULT_SECRET_ACCESS_KEY,
    type EmulatorOptions,
    type RunningEmulator,
} from "../../emulator/index";
import { utteranceWav } from "./audio";

const execFileP = promisify(execFile);

/** Repository root (this file compiles to bin/tests/support/). */
export { repoRoot as REPO_ROOT } from "./repo";
import { repoRoot as REPO_ROOT } from "./repo";
export const REGION = "us-east-1";
export const ACCOUNT_ID = "123456789012";
export const CREDENTIALS = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };

/** The venv bin dir with moto_server, aws and python (builds it on first use). */
export async function pythonBin(): Promise<string> {
    const { stdout } = await execFileP("bash", [path.join(REPO_ROOT, "scripts", "ensure-python.sh")], {
        maxBuffer: 10 * 1024 * 1024,
    });
    return stdout.trim().split("\n").pop()!;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const { port } = srv.address() as net.AddressInfo;
            srv.close(() => resolve(port));
        });
    });
}

async function waitForHttp(url: string, timeoutMs: number, proc?: ChildProcess): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (proc && proc.exitCode !== null) throw new Error(`${url}: the process exited with code ${proc.exitCode}`);
        try {
            const res = await fetch(url);
            await res.arrayBuffer();
            if (res.status < 500) return;
        } catch {
            // not up yet
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
        await new Promise((r) => setTimeout(r, 100));
    }
}

/** A moto server (S3, IAM, KMS, STS on one port). */
export interface MotoServer {
    endpoint: string;
    /** False when an already running stack's moto is reused (stop() then does nothing). */
    owned: boolean;
    stop(): Promise<void>;
}

/** What a private moto does with moto's recorder (as scripts/local-stack.sh uses it). */
export interface MotoRecording {
    /** The recording file (moto's MOTO_RECORDER_FILEPATH). */
    file: string;
    /** "record": seed the generator and append every request to `file`; "replay": replay `file` at start. */
    mode: "record" | "replay";
}

/** The seed of moto's id generator in recordings (replays then re-create the same ids). */
const MOTO_SEED = 20210927;

/** Starts a private moto_server on a free loopback port, optionally recording or replaying. */
export async function startMoto(recording?: MotoRecording): Promise<MotoServer> {
    const bin = await pythonBin();
    const port = await freePort();
    const recorderEnv = recording
        ? {
              MOTO_RECORDER_FILEPATH: recording.file,
              ...(recording.mode === "record" ? { MOTO_ENABLE_RECORDING: "1" } : {}),
          }
        : {};
    const proc = spawn(path.join(bin, "moto_server"), ["-H", "127.0.0.1", "-p", String(port)], {
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, MOTO_CALL_RESET_API: "false", ...recorderEnv },
    });
    let stderr = "";
    proc.stderr!.on("data", (c) => (stderr = (stderr + c).slice(-4000)));
    const endpoint = `http://127.0.0.1:${port}`;
    try {
        await waitForHttp(`${endpoint}/moto-api/`, 60_000, proc);
    } catch (e) {
        proc.kill("SIGKILL");
        throw new Error(`moto_server did not start: ${(e as Error).message}\n${stderr}`);
    }
    if (recording?.mode === "record") {
        fs.writeFileSync(recording.file, "");
        await motoApi(endpoint, `/moto-api/seed?a=${MOTO_SEED}`);
    } else if (recording?.mode === "replay") {
        await motoApi(endpoint, "/moto-api/recorder/replay-recording");
    }
    return {
        endpoint,
        owned: true,
        stop: () =>
            new Promise<void>((resolve) => {
                if (proc.exitCode !== null) return resolve();
                proc.once("exit", () => resolve());
                proc.kill("SIGTERM");
                setTimeout(() => proc.kill("SIGKILL"), 3000).unref();
            }),
    };
}

async function motoApi(endpoint: string, pathAndQuery: string): Promise<void> {
    const res = await fetch(`${endpoint}${pathAndQuery}`, { method: "POST" });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`moto ${pathAndQuery}: HTTP ${res.status}`);
}

/** Reads `export K=V` lines of .local/stack.env. */
export function readStackEnv(file = path.join(REPO_ROOT, ".local", "stack.env")): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        const m = /^export ([A-Z0-9_]+)=("?)(.*)\2$/.exec(line.trim());
        if (m) out[m[1]] = m[3];
    }
    return out;
}

/**
 * Moto for a test run: the running local stack's (`scripts/local-stack.sh start`) when
 * VOICEID_TEST_REUSE_STACK=1, else a private one.
 */
export async function ensureMoto(): Promise<MotoServer> {
    if (process.env.VOICEID_TEST_REUSE_STACK === "1") {
        const env = readStackEnv();
        const endpoint = env.AWS_ENDPOINT_URL_S3;
        if (!endpoint)
            throw new Error(
                "VOICEID_TEST_REUSE_STACK=1 but .local/stack.env has no AWS_ENDPOINT_URL_S3: run scripts/local-stack.sh start",
            );
        await waitForHttp(`${endpoint}/moto-api/`, 5000);
        return { endpoint, owned: false, stop: async () => undefined };
    }
    return startMoto();
}

/** An emulator running as its own node process (what kill -9 tests need). */
export interface EmulatorProcess {
    endpoint: string;
    pid: number;
    /** Sends a signal; resolves when the process has exited. */
    kill(signal?: NodeJS.Signals): Promise<void>;
    stop(): Promise<void>;
    /** Log lines (stderr) so far. */
    logs(): string[];
}

const KNOB_FLAGS: Partial<Record<keyof EmulatorOptions, string>> = {
    region: "--region",
    accountId: "--account-id",
    maxConcurrentJobsPerDomain: "--max-concurrent-jobs",
    maxWatchlistsPerDomain: "--max-watchlists",
    clientTokenTtlSeconds: "--client-token-ttl",
    throttleRate: "--throttle-rate",
    faultRate: "--fault-rate",
    audioSecondsPerSecond: "--audio-seconds-per-second",
    requestDelayMs: "--request-delay-ms",
    jobDurationMs: "--job-duration-ms",
    jobStartDelayMs: "--job-start-delay-ms",
    minSpeechSeconds: "--min-speech-seconds",
    defaultSimilarityThreshold: "--default-threshold",
    defaultRiskThreshold: "--default-risk-threshold",
    defaultAcceptanceThreshold: "--default-acceptance-threshold",
    speakerExpiryDays: "--speaker-expiry-days",
    deletedDomainRetentionSeconds: "--deleted-domain-retention",
    enforceRolePolicies: "--enforce-role-policies",
    logLevel: "--log-level",
    maxConnections: "--max-connections",
    headersTimeoutMs: "--headers-timeout-ms",
    requestTimeoutMs: "--request-timeout-ms",
    awsEndpoint: "--aws-endpoint",
    dbPath: "--db",
    port: "--port",
    host: "--host",
};

/** Starts `node bin/emulator/main.js` with the given knobs (dbPath should be a file). */
export async function startEmulatorProcess(opts: EmulatorOptions): Promise<EmulatorProcess> {
    const args = [path.join(REPO_ROOT, "bin", "emulator", "main.js")];
    for (const [k, v] of Object.entries(opts)) {
        const flag = KNOB_FLAGS[k as keyof EmulatorOptions];
        if (flag && v !== undefined) args.push(flag, String(v));
    }
    if (opts.credentials)
        args.push(
            "--credentials",
            Object.entries(opts.credentials)
                .map(([a, s]) => `${a}:${s}`)
                .join(","),
        );
    const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const logs: string[] = [];
    readline.createInterface({ input: proc.stderr! }).on("line", (l) => logs.push(l));
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    const endpoint = await new Promise<string>((resolve, reject) => {
        const rl = readline.createInterface({ input: proc.stdout! });
        rl.once("line", (l) => resolve(l.trim()));
        proc.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${logs.slice(-5).join("\n")}`)));
    });
    return {
        endpoint,
        pid: proc.pid!,
        logs: () => logs,
        async kill(signal: NodeJS.Signals = "SIGKILL") {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            await exited;
        },
        async stop() {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
            const t = setTimeout(() => proc.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(t);
        },
    };
}

/** What a registration job needs in S3/IAM/KMS, as created by seedRegistration. */
export interface RegistrationSeed {
    inputBucket: string;
    outputBucket: string;
    manifestUri: string;
    outputUri: string;
    roleArn: string;
    kmsKeyId: string;
    kmsKeyArn: string;
}

/** The members of a Start...Job request that point at a seed (see {@link jobLocations}). */
export interface JobLocations {
    DataAccessRoleArn: string;
    InputDataConfig: { S3Uri: string };
    OutputDataConfig: { S3Uri: string; KmsKeyId?: string };
}

/**
 * A seed's data access role, manifest and output folder as Start...Job request members, the
 * output encrypted with the seed's KMS key unless `kmsKey: false`.
 */
export function jobLocations(seed: RegistrationSeed, opts: { kmsKey?: boolean } = {}): JobLocations {
    return {
        DataAccessRoleArn: seed.roleArn,
        InputDataConfig: { S3Uri: seed.manifestUri },
        OutputDataConfig:
            opts.kmsKey === false ? { S3Uri: seed.outputUri } : { S3Uri: seed.outputUri, KmsKeyId: seed.kmsKeyId },
    };
}

/** One manifest entry: the speaker and utterance of each audio file. */
export interface SeedRequest {
    requestId: string;
    audio: { speaker: number; utterance: number; seconds?: number; stereo?: boolean; channel?: 0 | 1 }[];
}

/** One speaker enrollment manifest entry: a SeedRequest plus the CustomerSpeakerId. */
export interface EnrollmentSeedRequest extends SeedRequest {
    speakerId: string;
}

export interface LocalStack {
    motoEndpoint: string;
    voiceIdEndpoint: string;
    region: string;
    accountId: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    /** Environment for child processes (AWS CLI, Pulumi): endpoints, region, credentials. */
    env: Record<string, string>;
    /** The in-process emulator, or undefined when it runs as a process (see emulatorProcess). */
    emulator?: RunningEmulator;
    emulatorProcess?: EmulatorProcess;
    voiceId: VoiceIDClient;
    s3: S3Client;
    iam: IAMClient;
    kms: KMSClient;
    /** Creates a bucket (ignores "already owned"). */
    createBucket(name: string): Promise<void>;
    /** Uploads bytes or a string. */
    putObject(bucket: string, key: string, body: Buffer | string): Promise<void>;
    getObjectText(bucket: string, key: string): Promise<string>;
    /** Uploads a generated WAV of a synthetic speaker; returns its s3:// URI. */
    putAudio(
        bucket: string,
        key: string,
        speaker: number,
        utterance: number,
        opts?: { seconds?: number; stereo?: boolean; channel?: 0 | 1 },
    ): Promise<string>;
    /** Uploads a manifest (Version 1.0 unless given; registration requests unless listKey says otherwise); returns its s3:// URI. */
    putManifest(bucket: string, key: string, requests: unknown[], version?: string, listKey?: string): Promise<string>;
    /** A role trusted by voiceid.amazonaws.com (optionally with confused-deputy conditions) and an S3/KMS policy. */
    createDataAccessRole(
        name: string,
        opts?: {
            trustService?: string;
            sourceArnPattern?: string;
            policy?: unknown;
            inputBucket?: string;
            outputBucket?: string;
            kmsKeyArn?: string;
        },
    ): Promise<string>;
    /** A symmetric KMS key with an alias; returns id and ARN. */
    createKmsKey(alias?: string): Promise<{ keyId: string; arn: string }>;
    /** Creates a Voice ID domain encrypted with `kmsKeyId` (default: a new KMS key); returns its id. */
    createDomain(name: string, kmsKeyId?: string): Promise<string>;
    /** The ids of a domain's fraudsters (of one watchlist when given), first page of 100. */
    fraudsterIds(domainId: string, watchlistId?: string): Promise<string[]>;
    /** How many fraudster registration jobs a domain has (first page). */
    registrationJobCount(domainId: string): Promise<number>;
    /** The parsed output file a job started on `seed` wrote (`results/<jobId>/input-file.json.out`). */
    readJobOutput(seed: RegistrationSeed, jobId: string): Promise<any>;
    /** Buckets, a KMS key, a data access role, audio and a manifest, in one call. */
    seedRegistration(prefix: string, requests: SeedRequest[]): Promise<RegistrationSeed>;
    /** The same for a speaker enrollment job (SpeakerEnrollmentRequests with SpeakerId). */
    seedEnrollment(prefix: string, requests: EnrollmentSeedRequest[]): Promise<RegistrationSeed>;
    /** Restarts the emulator on the same database (process mode: after kill -9 too). */
    restartEmulator(knobs?: EmulatorOptions): Promise<void>;
    stop(): Promise<void>;
}

export interface LocalStackOptions extends EmulatorOptions {
    /** Run the emulator as a separate node process (needed to kill -9 it). Default false. */
    emulatorAsProcess?: boolean;
    /** A moto already started (e.g. replaying a recording); stop() stops it too. */
    moto?: MotoServer;
    /**
     * Use services started elsewhere (e.g. by `pulumi-voiceid local start`) instead of starting
     * any: the helpers and clients point at them and stop() leaves them running.
     */
    attach?: { motoEndpoint: string; voiceIdEndpoint: string };
}

let counter = 0;

/**
 * Starts a local stack before the tests of the calling `describe` and stops it after them (mocha
 * hooks); `use` receives the stack once it runs, e.g. `startLocalStackForSuite((s) => (stack = s))`.
 */
export function startLocalStackForSuite(use: (stack: LocalStack) => void, opts: LocalStackOptions = {}): void {
    let started: LocalStack | undefined;
    before(async () => {
        started = await startLocalStack(opts);
        use(started);
    });
    after(async () => {
        await started?.stop();
    });
}

/** Starts moto (or reuses the stack's) and an isolated emulator wired to it. */
export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
    const { emulatorAsProcess, attach, moto: given, ...knobs } = opts;
    const moto: MotoServer =
        given ??
        (attach ? { endpoint: attach.motoEndpoint, owned: false, stop: async () => undefined } : await ensureMoto());
    const emuOpts: EmulatorOptions = { logLevel: "warn", ...knobs, awsEndpoint: moto.endpoint };
    if (emulatorAsProcess && (!emuOpts.dbPath || emuOpts.dbPath === ":memory:")) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-test-"));
        emuOpts.dbPath = path.join(dir, "voiceid.db");
    }
    let emulator: RunningEmulator | undefined;
    let emulatorProcess: EmulatorProcess | undefined;
    const start = async (extra: EmulatorOptions = {}) => {
        if (attach) return;
        if (emulatorAsProcess) emulatorProcess = await startEmulatorProcess({ ...emuOpts, ...extra });
        else emulator = await startEmulator({ ...emuOpts, ...extra });
    };
    await start();
    const endpointOf = () => attach?.voiceIdEndpoint ?? (emulatorProcess ?? emulator)!.endpoint;
    const clientCfg = { region: REGION, credentials: CREDENTIALS };
    const s3 = new S3Client({ ...clientCfg, endpoint: moto.endpoint, forcePathStyle: true });
    const iam = new IAMClient({ ...clientCfg, endpoint: moto.endpoint });
    const kms = new KMSClient({ ...clientCfg, endpoint: moto.endpoint });
    // Endpoint is resolved per request so restartEmulator (new port) keeps this client usable.
    const voiceId = new VoiceIDClient({
        ...clientCfg,
        endpoint: async () => {
            const u = new URL(endpointOf());
            return { protocol: u.protocol, hostname: u.hostname, port: Number(u.port), path: "/" };
        },
    });

    const seedJob = async (
        prefix: string,
        requests: (SeedRequest & { speakerId?: string })[],
        listKey: string,
    ): Promise<RegistrationSeed> => {
        const tag = `${prefix}-${process.pid}-${++counter}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
        const inputBucket = `${tag}-in`;
        const outputBucket = `${tag}-out`;
        await stack.createBucket(inputBucket);
        await stack.createBucket(outputBucket);
        const key = await stack.createKmsKey();
        const roleArn = await stack.createDataAccessRole(`${tag}-role`, {
            inputBucket,
            outputBucket,
            kmsKeyArn: key.arn,
        });
        const entries = [];
        for (const r of requests) {
            const specs = [];
            for (const [i, a] of r.audio.entries()) {
                const uri = await stack.putAudio(
                    inputBucket,
                    `audio/${r.requestId}-${i}.wav`,
                    a.speaker,
                    a.utterance,
                    a,
                );
                specs.push({ S3Uri: uri, ChannelId: a.channel ?? 0 });
            }
            entries.push({
                RequestId: r.requestId,
                ...(r.speakerId !== undefined ? { SpeakerId: r.speakerId } : {}),
                AudioSpecifications: specs,
            });
        }
        const manifestUri = await stack.putManifest(inputBucket, "manifests/input-file.json", entries, "1.0", listKey);
        return {
            inputBucket,
            outputBucket,
            manifestUri,
            outputUri: `s3://${outputBucket}/results`,
            roleArn,
            kmsKeyId: key.keyId,
            kmsKeyArn: key.arn,
        };
    };

    const stack: LocalStack = {
        motoEndpoint: moto.endpoint,
        get voiceIdEndpoint() {
            return endpointOf();
        },
        region: REGION,
        accountId: ACCOUNT_ID,
        credentials: CREDENTIALS,
        get env() {
            return {
                AWS_ENDPOINT_URL_VOICE_ID: endpointOf(),
                AWS_ENDPOINT_URL_S3: moto.endpoint,
                AWS_ENDPOINT_URL_IAM: moto.endpoint,
                AWS_ENDPOINT_URL_KMS: moto.endpoint,
                AWS_ENDPOINT_URL_STS: moto.endpoint,
                AWS_REGION: REGION,
                AWS_DEFAULT_REGION: REGION,
                AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
                AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
                AWS_EC2_METADATA_DISABLED: "true",
                AWS_CONFIG_FILE: "/dev/null",
                AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
                AWS_PAGER: "",
                VOICEID_LOCAL_ACCOUNT_ID: ACCOUNT_ID,
            };
        },
        get emulator() {
            return emulator;
        },
        get emulatorProcess() {
            return emulatorProcess;
        },
        voiceId,
        s3,
        iam,
        kms,
        async createBucket(name) {
            try {
                await s3.send(new CreateBucketCommand({ Bucket: name }));
            } catch (e) {
                if ((e as { name?: string }).name !== "BucketAlreadyOwnedByYou") throw e;
            }
        },
        async putObject(bucket, key, body) {
            await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
        },
        async getObjectText(bucket, key) {
            const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
            return res.Body!.transformToString();
        },
        async putAudio(bucket, key, speaker, utterance, o = {}) {
            await stack.putObject(
                bucket,
                key,
                utteranceWav(speaker, utterance, { seconds: o.seconds ?? 4, stereo: o.stereo, channel: o.channel }),
            );
            return `s3://${bucket}/${key}`;
        },
        async putManifest(bucket, key, requests, version = "1.0", listKey = "FraudsterRegistrationRequests") {
            await stack.putObject(bucket, key, JSON.stringify({ Version: version, [listKey]: requests }));
            return `s3://${bucket}/${key}`;
        },
        async createDataAccessRole(name, o = {}) {
            const trust = {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: o.trustService ?? "voiceid.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: {
                            StringEquals: { "aws:SourceAccount": ACCOUNT_ID },
                            ArnLike: {
                                "aws:SourceArn":
                                    o.sourceArnPattern ?? `arn:aws:voiceid:${REGION}:${ACCOUNT_ID}:domain/*`,
                            },
                        },
                    },
                ],
            };
            const policy = o.policy ?? {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${o.inputBucket ?? "*"}/*`] },
                    {
                        Effect: "Allow",
                        Action: ["s3:PutObject"],
                        Resource: [`arn:aws:s3:::${o.outputBucket ?? "*"}/*`],
                    },
                    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [o.kmsKeyArn ?? "*"] },
                ],
            };
            const role = await iam.send(
                new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }),
            );
            await iam.send(
                new PutRolePolicyCommand({
                    RoleName: name,
                    PolicyName: "voiceid-data-access",
                    PolicyDocument: JSON.stringify(policy),
                }),
            );
            return role.Role!.Arn!;
        },
        async createKmsKey(alias) {
            const key = await kms.send(new CreateKeyCommand({ Description: "voiceid test output key" }));
            if (alias)
                await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyMetadata!.KeyId! }));
            return { keyId: key.KeyMetadata!.KeyId!, arn: key.KeyMetadata!.Arn! };
        },
        async createDomain(name, kmsKeyId) {
            const key = kmsKeyId ?? (await stack.createKmsKey()).keyId;
            const { Domain } = await voiceId.send(
                new CreateDomainCommand({ Name: name, ServerSideEncryptionConfiguration: { KmsKeyId: key } }),
            );
            return Domain!.DomainId!;
        },
        async fraudsterIds(domainId, watchlistId) {
            const out = await voiceId.send(
                new ListFraudstersCommand({ DomainId: domainId, WatchlistId: watchlistId, MaxResults: 100 }),
            );
            return (out.FraudsterSummaries ?? []).map((f) => f.GeneratedFraudsterId!);
        },
        async registrationJobCount(domainId) {
            const out = await voiceId.send(new ListFraudsterRegistrationJobsCommand({ DomainId: domainId }));
            return out.JobSummaries?.length ?? 0;
        },
        async readJobOutput(seed, jobId) {
            return JSON.parse(await stack.getObjectText(seed.outputBucket, `results/${jobId}/input-file.json.out`));
        },
        seedRegistration: (prefix, requests) => seedJob(prefix, requests, "FraudsterRegistrationRequests"),
        seedEnrollment: (prefix, requests) => seedJob(prefix, requests, "SpeakerEnrollmentRequests"),
        async restartEmulator(extra = {}) {
            if (emulatorProcess) await emulatorProcess.stop();
            if (emulator) await emulator.stop();
            await start(extra);
        },
        async stop() {
            voiceId.destroy();
            s3.destroy();
            iam.destroy();
            kms.destroy();
            if (emulatorProcess) await emulatorProcess.stop();
            if (emulator) await emulator.stop();
            await moto.stop();
        },
    };
    return stack;
}
