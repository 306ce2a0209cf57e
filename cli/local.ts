/**
 * `pulumi-voiceid local start|stop|status|env`: the local Voice ID service and moto (S3, IAM,
 * KMS, STS) on loopback ports, from a clone or from an installed package. The state directory
 * is `--dir DIR`, else `$PULUMI_VOICEID_LOCAL_DIR`, else `.local` in the current project (the
 * nearest directory up from the current one with a package.json or Pulumi.yaml, else the
 * current directory).
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startStack, stopStack, stackStatus, stackFiles } from "./local/stack";

export const summary = "run the local Voice ID service and moto: local start|stop|status|env";

const USAGE = `usage: pulumi-voiceid local <start|stop|status|env> [--dir DIR]

  start    start moto (S3, IAM, KMS, STS) and the Voice ID service on loopback ports (no-op
           for what already runs: new VOICEID_EMULATOR_* settings need stop, then start),
           write DIR/stack.env and DIR/.gitignore; restarts keep the recorded ports
  stop     stop both; their state stays in DIR
  status   what runs where, and the directory checked (exit code 3 when something is stopped)
  env      print DIR/stack.env (use: eval "$(pulumi-voiceid local env)")

  --dir DIR   state directory (default: $PULUMI_VOICEID_LOCAL_DIR, else .local in the
              current project: the nearest directory up with a package.json or Pulumi.yaml)

The first start builds a Python venv with moto and the AWS CLI in ~/.cache/pulumi-voiceid
(python3 with venv and PyPI access needed once). Knobs of the Voice ID service can be set with
VOICEID_EMULATOR_* environment variables at start.`;

interface Parsed {
    command?: string;
    dir: string;
    help: boolean;
}

/** The current project's root: the nearest directory from `cwd` up with a package.json or Pulumi.yaml. */
export function projectRoot(cwd: string): string {
    for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
        if (["package.json", "Pulumi.yaml"].some((f) => fs.existsSync(path.join(dir, f)))) return dir;
        if (path.dirname(dir) === dir) return path.resolve(cwd);
    }
}

/** Parses `local` arguments; throws with a message naming the bad argument. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Parsed {
    let command: string | undefined;
    let dir = env.PULUMI_VOICEID_LOCAL_DIR || path.join(projectRoot(cwd), ".local");
    let help = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--help" || arg === "-h") help = true;
        else if (arg === "--dir" || arg.startsWith("--dir=")) {
            const value = arg === "--dir" ? argv[++i] : arg.slice("--dir=".length);
            if (!value) throw new Error("--dir needs a directory");
            dir = value;
        } else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
        else if (command === undefined) command = arg;
        else throw new Error(`unexpected argument ${arg}`);
    }
    return { command, dir: path.resolve(cwd, dir), help };
}

const say = (line: string) => process.stderr.write(`[local] ${line}\n`);

/**
 * What `start` says when the Voice ID service already runs: it keeps the settings it was
 * started with, so `VOICEID_EMULATOR_*` variables given now (named when there are any) need a
 * restart.
 */
export function keptServiceNote(pid: number, env: NodeJS.ProcessEnv): string {
    const given = Object.keys(env)
        .filter((k) => k.startsWith("VOICEID_EMULATOR_"))
        .sort();
    const settings = given.length
        ? `${given.join(", ")} ${given.length === 1 ? "is" : "are"} not applied`
        : "new VOICEID_EMULATOR_* settings are not applied";
    return `the Voice ID service was already running (pid ${pid}) and keeps the settings it started with: ${settings} until a restart (pulumi-voiceid local stop, then start)`;
}

/** Runs `pulumi-voiceid local ...`; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
    let args: Parsed;
    try {
        args = parseArgs(argv);
    } catch (e) {
        process.stderr.write(`pulumi-voiceid local: ${(e as Error).message}\n\n${USAGE}\n`);
        return 2;
    }
    if (args.help) {
        process.stdout.write(USAGE + "\n");
        return 0;
    }
    const files = stackFiles(args.dir);
    switch (args.command) {
        case "start": {
            const started = await startStack(args.dir, say);
            if (started.voiceIdKeptPid !== undefined) say(keptServiceNote(started.voiceIdKeptPid, process.env));
            say(`moto (S3, IAM, KMS, STS): ${started.moto}`);
            say(`Voice ID:                 ${started.voiceId}`);
            say(`env file:                 ${files.envFile} (source it)`);
            return 0;
        }
        case "stop":
            await stopStack(args.dir, say);
            return 0;
        case "status": {
            const s = stackStatus(args.dir);
            const line = (name: string, pid?: number) =>
                `${name}: ${pid === undefined ? "stopped" : `running (pid ${pid})`}`;
            const where = `state directory: ${files.dir}${fs.existsSync(files.dir) ? "" : " (does not exist: no local stack was started there)"}`;
            const lines = [where, line("moto", s.moto), line("voiceid", s.voiceId)];
            if (s.env.AWS_ENDPOINT_URL_VOICE_ID)
                lines.push(`  AWS_ENDPOINT_URL_VOICE_ID=${s.env.AWS_ENDPOINT_URL_VOICE_ID}`);
            if (s.env.AWS_ENDPOINT_URL_S3) lines.push(`  AWS_ENDPOINT_URL_S3=${s.env.AWS_ENDPOINT_URL_S3}`);
            process.stdout.write(lines.join("\n") + "\n");
            return s.moto !== undefined && s.voiceId !== undefined ? 0 : 3;
        }
        case "env":
            if (!fs.existsSync(files.envFile)) {
                process.stderr.write(`pulumi-voiceid local: no ${files.envFile}: run pulumi-voiceid local start\n`);
                return 1;
            }
            process.stdout.write(fs.readFileSync(files.envFile, "utf8"));
            return 0;
        default:
            process.stderr.write(
                `${args.command ? `pulumi-voiceid local: unknown subcommand "${args.command}"\n\n` : ""}${USAGE}\n`,
            );
            return 2;
    }
}
