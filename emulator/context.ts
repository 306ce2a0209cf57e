/**
 * What the service's API operations (operations/) and its job loop (jobs/) both work in: the
 * store, the knobs, the log and the clock. Shared code below both layers, so that neither reaches
 * into the other for it.
 * @module
 */
import type { Store } from "./store";
import type { EmulatorConfig } from "./config";
import type { Logger } from "./log";

/** What every operation handler and every job gets. */
export interface OperationContext {
    store: Store;
    config: EmulatorConfig;
    log: Logger;
    /** Epoch ms; injectable for tests. */
    now(): number;
    /** Wakes the job runner after a job was submitted. */
    notifyJobs(): void;
}

/** A request's members, as validated against the model (operations) or stored (job config). */
export type Input = Record<string, any>;
