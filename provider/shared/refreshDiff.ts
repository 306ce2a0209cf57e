/**
 * Tells a refresh's diff from a plan's. During `pulumi refresh` (and the refresh phase of
 * `up --refresh`) the engine calls Read, then at once Diff of the same resource, only to display
 * what the refresh found (pulumi/pulumi `RefreshStep.Apply`); nothing is planned, so a provider
 * must not print plan lines then. The first diff of an id after its read in this process is that
 * one; any later diff (the update's, under `up --refresh`) plans again.
 * @module
 */
import { AsyncLocalStorage } from "async_hooks";

const justRead = new Set<string>();
const refreshScope = new AsyncLocalStorage<boolean>();

/** Records that the engine read `id` in this process. */
export function markRead(id: string | undefined): void {
    if (id) justRead.add(id);
}

/** Runs a diff of `id`, in a refresh's scope when it is the first diff since `id` was read. */
export function runDiff<T>(id: string, diff: () => T): T {
    return refreshScope.run(justRead.delete(id), diff);
}

/** Whether the running diff only displays a refresh (see the module). */
export function inRefreshDiff(): boolean {
    return refreshScope.getStore() === true;
}
