/**
 * Pulumi YAML programs through the real engine with the native plugin of this checkout
 * (`pulumi-resource-voiceid` at the repository root, given as `plugins.providers[].path`).
 * @module
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { consumerDir, TestProgram } from "./pulumi";
import { repoRoot } from "./repo";

/** The example's Pulumi.yaml with its plugin path pointing at this checkout and its name replaced. */
export function exampleYaml(project: string): string {
    const text = fs.readFileSync(path.join(repoRoot, "examples", "yaml", "Pulumi.yaml"), "utf8");
    return text.replace(/^name: .*$/m, `name: ${project}`).replace(/path: \.\.\/\.\.$/m, `path: ${repoRoot}`);
}

/** A plain YAML program header with the plugin of this checkout. */
export function yamlHeader(project: string): string {
    return `name: ${project}\nruntime: yaml\nplugins:\n  providers:\n    - name: voiceid\n      path: ${repoRoot}\n`;
}

/** A YAML program in a new directory with stack `test` and `config` set (values given as secrets when named in `secrets`). */
export async function yamlProgram(opts: {
    name: string;
    yaml: (project: string) => string;
    config?: Record<string, string>;
    secrets?: string[];
    env?: NodeJS.ProcessEnv;
}): Promise<TestProgram> {
    const project = `${opts.name}-${crypto.randomBytes(3).toString("hex")}`;
    const dir = path.join(consumerDir, project);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), opts.yaml(project));
    const prog = TestProgram.at(dir, project, "test", opts.env ?? {});
    await prog.ok(["stack", "init", "test"]);
    for (const [k, v] of Object.entries(opts.config ?? {})) {
        await prog.ok(["config", "set", ...(opts.secrets?.includes(k) ? ["--secret"] : []), k, v]);
    }
    return prog;
}

/** Replaces the program's Pulumi.yaml. */
export function writeYaml(prog: TestProgram, text: string): void {
    fs.writeFileSync(path.join(prog.dir, "Pulumi.yaml"), text);
}

/** The program's Pulumi.yaml. */
export function readYaml(prog: TestProgram): string {
    return fs.readFileSync(path.join(prog.dir, "Pulumi.yaml"), "utf8");
}

/** Where a registration job reads and writes (a `seedRegistration` result). */
export interface JobSeed {
    roleArn: string;
    manifestUri: string;
    outputUri: string;
}

/** A `voiceid:index:FraudsterRegistrationJob` resource block; `extra`: more property lines. */
export function registrationJobBlock(name: string, domainId: string, seed: JobSeed, extra: string[] = []): string {
    return `  ${name}:
    type: voiceid:index:FraudsterRegistrationJob
    properties:
      domainId: ${domainId}
      dataAccessRoleArn: ${seed.roleArn}
      inputDataConfig: { s3Uri: "${seed.manifestUri}" }
      outputDataConfig: { s3Uri: "${seed.outputUri}" }
${extra.map((l) => `      ${l}\n`).join("")}`;
}

/** A program of one registration job `job`, exporting its `jobStatus`. */
export function oneJobYaml(domainId: string, seed: JobSeed): (project: string) => string {
    return (project) =>
        `${yamlHeader(project)}resources:\n${registrationJobBlock("job", domainId, seed)}outputs:\n  jobStatus: \${job.jobStatus}\n`;
}
