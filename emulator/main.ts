#!/usr/bin/env node
/**
 * CLI: node bin/emulator/main.js --port 0 --db .local/voiceid.db --aws-endpoint http://127.0.0.1:PORT
 * Prints the listening URL as the first line of stdout; logs (JSON lines) go to stderr.
 * Every flag also has a VOICEID_EMULATOR_* environment variable (see emulator/README.md).
 * @module
 */

import "./quietSqlite";
import { configFromEnv, parseCredentials, type EmulatorConfig } from "./config";
import type { EmulatorOptions } from "./index";

const FLAGS: Record<string, { key: keyof EmulatorOptions; type: "number" | "string" | "bool" | "credentials" }> = {
    "--port": { key: "port", type: "number" },
    "--host": { key: "host", type: "string" },
    "--db": { key: "dbPath", type: "string" },
    "--aws-endpoint": { key: "awsEndpoint", type: "string" },
    "--region": { key: "region", type: "string" },
    "--account-id": { key: "accountId", type: "string" },
    "--credentials": { key: "credentials", type: "credentials" },
    "--max-concurrent-jobs": { key: "maxConcurrentJobsPerDomain", type: "number" },
    "--max-watchlists": { key: "maxWatchlistsPerDomain", type: "number" },
    "--client-token-ttl": { key: "clientTokenTtlSeconds", type: "number" },
    "--throttle-rate": { key: "throttleRate", type: "number" },
    "--fault-rate": { key: "faultRate", type: "number" },
    "--audio-seconds-per-second": { key: "audioSecondsPerSecond", type: "number" },
    "--request-delay-ms": { key: "requestDelayMs", type: "number" },
    "--job-duration-ms": { key: "jobDurationMs", type: "number" },
    "--job-start-delay-ms": { key: "jobStartDelayMs", type: "number" },
    "--min-speech-seconds": { key: "minSpeechSeconds", type: "number" },
    "--default-threshold": { key: "defaultSimilarityThreshold", type: "number" },
    "--default-risk-threshold": { key: "defaultRiskThreshold", type: "number" },
    "--default-acceptance-threshold": { key: "defaultAcceptanceThreshold", type: "number" },
    "--speaker-expiry-days": { key: "speakerExpiryDays", type: "number" },
    "--deleted-domain-retention": { key: "deletedDomainRetentionSeconds", type: "number" },
    "--enforce-role-policies": { key: "enforceRolePolicies", type: "bool" },
    "--log-level": { key: "logLevel", type: "string" },
    "--max-connections": { key: "maxConnections", type: "number" },
    "--headers-timeout-ms": { key: "headersTimeoutMs", type: "number" },
    "--request-timeout-ms": { key: "requestTimeoutMs", type: "number" },
};

function usage(): string {
    return `usage: node bin/emulator/main.js [${Object.keys(FLAGS)
        .map((f) => `${f} VALUE`)
        .join("] [")}]`;
}

function parseArgs(argv: string[]): EmulatorOptions {
    const env = configFromEnv(process.env) as Partial<EmulatorConfig>;
    const out: Record<string, unknown> = { ...env };
    if (process.env.VOICEID_EMULATOR_PORT) out.port = Number(process.env.VOICEID_EMULATOR_PORT);
    if (process.env.VOICEID_EMULATOR_DB) out.dbPath = process.env.VOICEID_EMULATOR_DB;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--help" || arg === "-h") {
            process.stdout.write(usage() + "\n");
            process.exit(0);
        }
        const [name, inline] = arg.includes("=")
            ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
            : [arg, undefined];
        const flag = FLAGS[name];
        if (!flag) throw new Error(`unknown flag ${name}\n${usage()}`);
        const value = inline ?? argv[++i];
        if (value === undefined) throw new Error(`${name} needs a value`);
        switch (flag.type) {
            case "number":
                if (isNaN(Number(value))) throw new Error(`${name} needs a number, got ${value}`);
                out[flag.key] = Number(value);
                break;
            case "bool":
                out[flag.key] = !["0", "false", "no"].includes(value.toLowerCase());
                break;
            case "credentials":
                out[flag.key] = parseCredentials(value);
                break;
            default:
                out[flag.key] = value;
        }
    }
    return out as EmulatorOptions;
}

async function main(): Promise<void> {
    const { startEmulator } = await import("./index");
    const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
    process.stdout.write(emulator.endpoint + "\n");
    let stopping = false;
    const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(
            JSON.stringify({ t: new Date().toISOString(), level: "info", msg: "stopping", signal }) + "\n",
        );
        await emulator.stop();
        process.exit(0);
    };
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
    process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((e) => {
    process.stderr.write(`voiceid emulator: ${(e as Error).message}\n`);
    process.exit(1);
});
