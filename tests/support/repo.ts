import * as path from "path";

/** Absolute path of the repository root (tests run from bin/tests/...). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** Ignored folder for local state: stacks, logs, generated programs. */
export const localDir = path.join(repoRoot, ".local");
