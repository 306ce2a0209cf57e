/**
 * The Voice ID policy pack of this checkout, as previews here run it: the executable
 * `policy/pulumi-analyzer-voiceid` (the Node.js language host buildable here, v3.68, cannot run a
 * pack folder: "not supported"; a current CLI also takes the folder `policy/`).
 * @module
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "./repo";

/** The executable form of the pack, given to `--policy-pack`. */
export const POLICY_PACK = path.join(repoRoot, "policy", "pulumi-analyzer-voiceid");

/** Writes a `--policy-pack-config` file in `dir` and returns its path. */
export function writePolicyConfig(dir: string, config: Record<string, unknown>): string {
    const file = path.join(dir, "voiceid-policy.json");
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
}

/** `[level]  rule-id  (type: name)` lines of the CLI's Policies section, e.g. `mandatory voiceid-domain-cmk job`. */
export function violationsShown(output: string): string[] {
    return [...output.matchAll(/^\s+- \[(\w+)\]\s+(\S+)\s+\((\S+): ([^)]+)\)/gm)]
        .map((m) => `${m[1]} ${m[2]} ${m[4]}`)
        .sort();
}
