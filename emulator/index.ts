/**
 * Programmatic entry point: start an isolated local Voice ID service (tests use this with
 * their own knobs; main.ts is the CLI around it).
 * @module
 */
import type { AddressInfo } from "node:net";
import { Store, type DomainStatus } from "./store";
import { DEFAULTS, type EmulatorConfig } from "./config";
import { createLogger, type Logger } from "./log";
import { createHttpServer, type ServerStats } from "./server";
import { JobRunner } from "./jobs/runner";
import type { OperationContext } from "./context";

export { DEFAULTS, DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, type EmulatorConfig } from "./config";
export { computeVoiceprint, similarity, type Voiceprint } from "./voice/voiceprint";
export { parseWav, encodeWav } from "./wav";
export { callLocalOperation, type LocalCallOptions, type LocalCallResult } from "./localClient";

/** Options of startEmulator: every knob of EmulatorConfig plus where to listen and store. */
export interface EmulatorOptions extends Partial<EmulatorConfig> {
    /** SQLite file; ":memory:" for a throwaway instance (default). */
    dbPath?: string;
    /** TCP port; 0 (default) picks a free one. */
    port?: number;
    /** Interface to bind; default 127.0.0.1. */
    host?: string;
    /** Custom log sink (default: JSON lines on stderr). */
    logger?: Logger;
    /** Random source for fault injection (tests make it deterministic). */
    random?: () => number;
}

/** A running emulator. */
export interface RunningEmulator {
    /** Base URL to give SDKs as endpoint, e.g. http://127.0.0.1:41234 */
    endpoint: string;
    port: number;
    /** The effective configuration. Knobs may be changed at run time through it. */
    config: EmulatorConfig;
    stats: ServerStats;
    /** Jobs currently being worked on in this process. */
    activeJobs(): number;
    /** Test hook: force a domain's status (e.g. PENDING) to exercise DOMAIN_NOT_ACTIVE. */
    setDomainStatus(domainId: string, status: DomainStatus): void;
    /** Stops accepting requests, pauses jobs at a checkpoint (resumable) and closes the db. */
    stop(): Promise<void>;
}

/** Starts an emulator. Unfinished jobs found in the database are resumed. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const { dbPath = ":memory:", port = 0, host = "127.0.0.1", logger, random, ...knobs } = options;
    const config: EmulatorConfig = { ...DEFAULTS, ...stripUndefined(knobs) };
    const log = logger ?? createLogger(config.logLevel);
    const store = new Store(dbPath);
    const ctx: OperationContext = {
        store,
        config,
        log,
        now: () => Date.now(),
        // `runner` is created just below; jobs are only notified after start-up.
        notifyJobs: () => setImmediate(() => runner.poke()),
    };
    const runner = new JobRunner(ctx);
    const stats: ServerStats = { requests: 0, errors: {} };
    const server = createHttpServer(ctx, stats, random);
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    const endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${addr.port}`;
    log.info("listening", {
        endpoint,
        region: config.region,
        accountId: config.accountId,
        db: dbPath === ":memory:" ? dbPath : "file",
    });
    runner.poke();
    let stopped = false;
    return {
        endpoint,
        port: addr.port,
        config,
        stats,
        activeJobs: () => runner!.activeJobs,
        setDomainStatus(domainId, status) {
            store.tx(() => store.updateDomain(domainId, { status }));
        },
        async stop() {
            if (stopped) return;
            stopped = true;
            await new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            });
            await runner!.stop();
            store.close();
        },
    };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
