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
        description: path.join(dir, "fixture.json"),
    };
}

/** Root of the release fixtures: one `<version>/` folder each. */
export const RELEASES_DIR = path.join(repoRoot, "tests", "fixtures", "releases");

/** Every release with a fixture, oldest first (folders named `x.y.z`). */
export function releaseVersions(): string[] {
    const key = (v: string) => v.split(".").map(Number);
    return fs
        .readdirSync(RELEASES_DIR)
        .filter((d) => /^\d+\.\d+\.\d+$/.test(d) && fs.statSync(path.join(RELEASES_DIR, d)).isDirectory())
        .sort((a, b) => {
            const [x, y] = [key(a), key(b)];
            return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
        });
}

/**
 * `<version>/fixture.json`: what making the fixture must produce (make.ts checks it) and what
 * upgrading it to the current package must do (tests/e2e/upgrade/releases.test.ts).
 */
export interface FixtureDescription {
    made: {
        /** The release's `pulumi up` fails (a FAILED job), everything else being created; when false, every job ends COMPLETED. */
        upFails: boolean;
        /** Voice ID resources in the exported state. */
        voiceIdResources: number;
    };
    upgrade: {
        /** The only non-`same` steps of the first preview with the current package: `[op, resource name]`. */
        previewChanges: [string, string][];
        /** Job entries (resource names) the release recorded without `__provider`; the first `up` repairs them. */
        recordedWithoutProvider: string[];
        /** The first `up` with the current package fails (a job FAILS again); state stays complete. */
        upFails: boolean;
        /** Config to change before the second `up`, which must succeed: key => the key whose value it takes. */
        thenConfig: Record<string, string>;
        /** Fraudsters in the `watchlistId` output's watchlist after the upgrade. */
        fraudstersInWatchlist: number;
    };
}

/** Reads `<version>/fixture.json`; throws naming the file and the field that is wrong. */
export function readFixtureDescription(version: string): FixtureDescription {
    const file = fixtureFiles(version).description;
    if (!fs.existsSync(file))
        throw new Error(
            `${file} is missing: every release fixture says what making and upgrading it does (see tests/fixtures/releases/README.md)`,
        );
    const d = JSON.parse(fs.readFileSync(file, "utf8"));
    const need = (ok: boolean, field: string, rule: string) => {
        if (!ok) throw new Error(`${file}: ${field} ${rule}`);
    };
    const isPairs = (v: unknown) =>
        Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "string"));
    need(typeof d?.made?.upFails === "boolean", "made.upFails", "must be true or false");
    need(Number.isInteger(d?.made?.voiceIdResources), "made.voiceIdResources", "must be an integer");
    need(isPairs(d?.upgrade?.previewChanges), "upgrade.previewChanges", "must be a list of [op, resource name]");
    need(
        Array.isArray(d?.upgrade?.recordedWithoutProvider) &&
            d.upgrade.recordedWithoutProvider.every((x: unknown) => typeof x === "string"),
        "upgrade.recordedWithoutProvider",
        "must be a list of resource names",
    );
    need(typeof d?.upgrade?.upFails === "boolean", "upgrade.upFails", "must be true or false");
    need(
        typeof d?.upgrade?.thenConfig === "object" &&
            d.upgrade.thenConfig !== null &&
            Object.values(d.upgrade.thenConfig).every((x) => typeof x === "string"),
        "upgrade.thenConfig",
        "must map config keys to config keys",
    );
    need(Number.isInteger(d?.upgrade?.fraudstersInWatchlist), "upgrade.fraudstersInWatchlist", "must be an integer");
    return d as FixtureDescription;
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
    const state = fs
        .readFileSync(files.state, "utf8")
        .split(`::${FIXTURE_PROJECT}::`)
        .join(`::${project}::`)
        .split(`${FIXTURE_PROJECT}-${FIXTURE_STACK}`)
        .join(`${project}-${FIXTURE_STACK}`);
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
