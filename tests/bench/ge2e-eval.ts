/**
 * Benchmark (not a test): the voiceprint evaluation sets scored by resemblyzer's GE2E speaker
 * encoder instead of the service's voiceprint (issue 25, item 3), through scripts/ge2e-eval.sh
 * (its own venv and the wheel's weights in the cache, no torch; the encoder in numpy). Prints,
 * per set, the cosine distributions, the equal error rate and what each of the two
 * targets costs the other; docs/benchmarks.md and emulator/README.md record them.
 * Run: npm run bench -- ge2e-eval   (GE2E_EVAL_SETS="calibration" to score only that)
 * @module
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../support/repo";

const sets = (process.env.GE2E_EVAL_SETS ?? "calibration heldout heldout2").split(/\s+/).filter(Boolean);
execFileSync("bash", [path.join(repoRoot, "scripts", "ge2e-eval.sh"), ...sets], { stdio: "inherit" });
