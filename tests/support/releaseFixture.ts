/**
 * Stacks deployed by an earlier release, kept under tests/fixtures/releases/<version>/: the
 * program, its stack config (with the passphrase salt), the exported state, and the local
 * services' state (the Voice ID emulator's SQLite database and moto's request recording).
 *
 * {@link loadReleaseFixture} brings one back to life for a test: moto replays the recording,
 * the emulator opens a copy of the database, and a fresh program directory imports the state
 * under a unique project name, with the package under test installed.
 * @module
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { consumerDir, installPackage, TestProgram } from "./pulumi";
import { LocalStack, LocalStackOptions, startLocalStack, startMoto } from "./localStack";
import { repoRoot } from "./repo";

/** Project name the fixtures were deployed under (rewritten per test). */
export const FIXTURE_PROJECT = "voiceid-release-fixture";
/** Stack name the fixtures were deployed under. */
export const FIXTURE_STACK = "test";

/** Files of one fixture. */
export function fixtureFiles(version: string) {
    const dir = path.join(repoRoot, "tests", "fixtures", "releases", version);
    return {
        dir,
        program: path.join(dir, "program", "index.ts"),
        stackConfig: path.join(dir, `Pulumi.${FIXTURE_STACK}.yaml`),
        state: path.join(dir, "state.json"),
        db: path.join(dir, "voiceid.db"),
        recording: path.join(dir, "moto-recording.jsonl"),
    };
}

/** `Pulumi.yaml` of a fixture program. */
export function projectFile(project: string): string {
    return `name: ${project}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`;
}

/** A fixture stack imported into a fresh program, with the local services it refers to. */
export interface LoadedFixture {
    program: TestProgram;
    stack: LocalStack;
    /** Stops the services and removes the program (the stack itself is left to the test). */
    dispose(): Promise<void>;
}

/** Brings back fixture `version` with the current package installed. */
export async function loadReleaseFixture(version: string, knobs: LocalStackOptions = {}): Promise<LoadedFixture> {
    installPackage();
    const files = fixtureFiles(version);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `voiceid-fixture-${version}-`));
    const recording = path.join(work, "moto-recording.jsonl");
    const db = path.join(work, "voiceid.db");
    fs.copyFileSync(files.recording, recording);
    fs.copyFileSync(files.db, db);
    const moto = await startMoto({ file: recording, mode: "replay" });
    const stack = await startLocalStack({ jobDurationMs: 0, ...knobs, moto, dbPath: db });

    const project = `${FIXTURE_PROJECT}-${crypto.randomBytes(3).toString("hex")}`;
    const dir = path.join(consumerDir, project);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), projectFile(project));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: project, private: true }, null, 2));
    fs.copyFileSync(files.program, path.join(dir, "index.ts"));
    const program = TestProgram.at(dir, project, FIXTURE_STACK, stack.env);
    await program.ok(["stack", "init", FIXTURE_STACK]);
    // The fixture's stack file carries the salt its secrets were encrypted with; config keys
    // are namespaced by the project.
    const stackConfig = fs.readFileSync(files.stackConfig, "utf8").split(`  ${FIXTURE_PROJECT}:`).join(`  ${project}:`);
    fs.writeFileSync(path.join(dir, `Pulumi.${FIXTURE_STACK}.yaml`), stackConfig);
    const state = fs.readFileSync(files.state, "utf8").split(`::${FIXTURE_PROJECT}::`).join(`::${project}::`)
        .split(`${FIXTURE_PROJECT}-${FIXTURE_STACK}`).join(`${project}-${FIXTURE_STACK}`);
    const stateFile = path.join(work, "state.json");
    fs.writeFileSync(stateFile, state);
    await program.ok(["stack", "import", "--file", stateFile]);
    return {
        program,
        stack,
        async dispose() {
            await program.pulumi(["stack", "rm", "--yes", "--force"]);
            fs.rmSync(dir, { recursive: true, force: true });
            await stack.stop();
            fs.rmSync(work, { recursive: true, force: true });
        },
    };
}
