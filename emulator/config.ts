/**
 * The configuration of one emulator instance (region, account, limits, speeds, faults) and its
 * defaults.
 * @module
 */
/** Knobs of one emulator instance. Every field has a default (see DEFAULTS). */
export interface EmulatorConfig {
    /** Region in ARNs and the SigV4 scope the emulator answers for. */
    region: string;
    /** Account id in ARNs; moto's default account is 123456789012. */
    accountId: string;
    /** Accepted credentials: access key id -> secret access key. */
    credentials: Record<string, string>;
    /** Concurrent (SUBMITTED + IN_PROGRESS) jobs per domain, registration and enrollment together, before ServiceQuotaExceededException. */
    maxConcurrentJobsPerDomain: number;
    /** Watchlists per domain, the default one included. */
    maxWatchlistsPerDomain: number;
    /** How long a ClientToken stays bound to its request, in seconds. */
    clientTokenTtlSeconds: number;
    /** Probability (0..1) that a request is answered ThrottlingException 429 before it is processed. */
    throttleRate: number;
    /** Probability (0..1) that a request is answered InternalServerException 500 before it is processed. */
    faultRate: number;
    /**
     * Processing speed: seconds of audio processed per wall-clock second. 0 disables the
     * audio-proportional delay (requests are then as fast as the CPU allows).
     */
    audioSecondsPerSecond: number;
    /** Fixed wall-clock delay per registration request, in ms (added to the audio delay). */
    requestDelayMs: number;
    /**
     * When > 0, a job is paced to last this many ms in total (spread evenly over its requests),
     * whatever the audio: the deterministic way to make a job take 10 s, 60 s or 180 s.
     */
    jobDurationMs: number;
    /** Delay between SUBMITTED and IN_PROGRESS, in ms. */
    jobStartDelayMs: number;
    /** Seconds of speech a registration request needs (shorter audio is a per-request error). */
    minSpeechSeconds: number;
    /** Similarity threshold used when RegistrationConfig.FraudsterSimilarityThreshold is absent. */
    defaultSimilarityThreshold: number;
    /** EnrollmentConfig.FraudDetectionConfig.RiskThreshold and CreateSession's RiskThreshold when absent. */
    defaultRiskThreshold: number;
    /** CreateSession's AcceptanceThreshold when absent (Voice ID's documented default is 90). */
    defaultAcceptanceThreshold: number;
    /** A speaker not accessed (enrolled, authenticated) for this many days is EXPIRED (Voice ID: 3 years). */
    speakerExpiryDays: number;
    /** How long a deleted domain stays describable (status SUSPENDED) before it is purged, in seconds. */
    deletedDomainRetentionSeconds: number;
    /** Endpoint of the S3/IAM/KMS/STS service (moto) jobs read and write through; undefined = jobs fail. */
    awsEndpoint?: string;
    /** Credentials the emulator itself uses towards awsEndpoint (IAM GetRole, STS AssumeRole). */
    serviceCredentials: { accessKeyId: string; secretAccessKey: string };
    /** Check the data access role's permission policies (s3:GetObject, s3:PutObject, kms:*) before using it. */
    enforceRolePolicies: boolean;
    /** "debug" | "info" | "warn" | "error" | "silent" */
    logLevel: string;
    /**
     * Open connections the service accepts; more are closed at once. With the timeouts below,
     * slow or idle sockets cannot take every file descriptor. Read when the service starts.
     */
    maxConnections: number;
    /** Time a connection gets to send a request's headers, in ms. Read when the service starts. */
    headersTimeoutMs: number;
    /** Time a connection gets to send a whole request (headers and body), in ms. Read when the service starts. */
    requestTimeoutMs: number;
}

export const DEFAULT_ACCESS_KEY_ID = "AKIAVOICEIDLOCAL0001";
export const DEFAULT_SECRET_ACCESS_KEY = "voiceid-local-secret-access-key-0001";

export const DEFAULTS: EmulatorConfig = {
    region: "us-east-1",
    accountId: "123456789012",
    credentials: { [DEFAULT_ACCESS_KEY_ID]: DEFAULT_SECRET_ACCESS_KEY },
    maxConcurrentJobsPerDomain: 2,
    maxWatchlistsPerDomain: 5,
    clientTokenTtlSeconds: 8 * 3600,
    throttleRate: 0,
    faultRate: 0,
    audioSecondsPerSecond: 0,
    requestDelayMs: 0,
    jobDurationMs: 0,
    jobStartDelayMs: 0,
    minSpeechSeconds: 1,
    defaultSimilarityThreshold: 70,
    defaultRiskThreshold: 50,
    defaultAcceptanceThreshold: 90,
    speakerExpiryDays: 1095,
    deletedDomainRetentionSeconds: 3600,
    serviceCredentials: { accessKeyId: "AKIAVOICEIDSERVICE01", secretAccessKey: "voiceid-service-principal" },
    enforceRolePolicies: true,
    logLevel: "info",
    maxConnections: 1000,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 60_000,
};

/** Reads knobs from VOICEID_EMULATOR_* environment variables (used by main.ts). */
export function configFromEnv(env: NodeJS.ProcessEnv): Partial<EmulatorConfig> {
    const out: Partial<EmulatorConfig> = {};
    const num = (name: string) => (env[name] !== undefined && env[name] !== "" ? Number(env[name]) : undefined);
    const set = <K extends keyof EmulatorConfig>(key: K, value: EmulatorConfig[K] | undefined) => {
        if (value !== undefined && !(typeof value === "number" && isNaN(value))) out[key] = value;
    };
    set("region", env.VOICEID_EMULATOR_REGION);
    set("accountId", env.VOICEID_EMULATOR_ACCOUNT_ID);
    set("maxConcurrentJobsPerDomain", num("VOICEID_EMULATOR_MAX_CONCURRENT_JOBS"));
    set("maxWatchlistsPerDomain", num("VOICEID_EMULATOR_MAX_WATCHLISTS"));
    set("clientTokenTtlSeconds", num("VOICEID_EMULATOR_CLIENT_TOKEN_TTL"));
    set("throttleRate", num("VOICEID_EMULATOR_THROTTLE_RATE"));
    set("faultRate", num("VOICEID_EMULATOR_FAULT_RATE"));
    set("audioSecondsPerSecond", num("VOICEID_EMULATOR_AUDIO_SECONDS_PER_SECOND"));
    set("requestDelayMs", num("VOICEID_EMULATOR_REQUEST_DELAY_MS"));
    set("jobDurationMs", num("VOICEID_EMULATOR_JOB_DURATION_MS"));
    set("jobStartDelayMs", num("VOICEID_EMULATOR_JOB_START_DELAY_MS"));
    set("minSpeechSeconds", num("VOICEID_EMULATOR_MIN_SPEECH_SECONDS"));
    set("defaultSimilarityThreshold", num("VOICEID_EMULATOR_DEFAULT_THRESHOLD"));
    set("defaultRiskThreshold", num("VOICEID_EMULATOR_DEFAULT_RISK_THRESHOLD"));
    set("defaultAcceptanceThreshold", num("VOICEID_EMULATOR_DEFAULT_ACCEPTANCE_THRESHOLD"));
    set("speakerExpiryDays", num("VOICEID_EMULATOR_SPEAKER_EXPIRY_DAYS"));
    set("deletedDomainRetentionSeconds", num("VOICEID_EMULATOR_DELETED_DOMAIN_RETENTION"));
    set("awsEndpoint", env.VOICEID_EMULATOR_AWS_ENDPOINT);
    set("logLevel", env.VOICEID_EMULATOR_LOG_LEVEL);
    set("maxConnections", num("VOICEID_EMULATOR_MAX_CONNECTIONS"));
    set("headersTimeoutMs", num("VOICEID_EMULATOR_HEADERS_TIMEOUT_MS"));
    set("requestTimeoutMs", num("VOICEID_EMULATOR_REQUEST_TIMEOUT_MS"));
    if (env.VOICEID_EMULATOR_ENFORCE_ROLE_POLICIES)
        out.enforceRolePolicies = env.VOICEID_EMULATOR_ENFORCE_ROLE_POLICIES !== "0";
    if (env.VOICEID_EMULATOR_CREDENTIALS) out.credentials = parseCredentials(env.VOICEID_EMULATOR_CREDENTIALS);
    return out;
}

/** "AKID1:secret1,AKID2:secret2" -> map. */
export function parseCredentials(spec: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const pair of spec
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)) {
        const i = pair.indexOf(":");
        if (i <= 0) throw new Error(`credentials must look like ACCESS_KEY_ID:SECRET, got an entry without ':'`);
        out[pair.slice(0, i)] = pair.slice(i + 1);
    }
    return out;
}
