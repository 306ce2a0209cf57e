/**
 * node:sqlite is still flagged experimental on Node 22 and warns once on load. The warning is
 * noise in the emulator's logs and in test output, so exactly that warning is filtered; every
 * other warning goes through unchanged.
 * @module
 */
const originalEmit = process.emit;
process.emit = function (this: NodeJS.Process, name: string | symbol, ...args: unknown[]): boolean {
    const w = args[0] as { name?: string; message?: string } | undefined;
    if (name === "warning" && w?.name === "ExperimentalWarning" && /SQLite/i.test(w.message ?? "")) return false;
    return (originalEmit as (this: NodeJS.Process, n: string | symbol, ...a: unknown[]) => boolean).call(
        this,
        name,
        ...args,
    );
} as typeof process.emit;

export {};
