#!/usr/bin/env node
/**
 * The `pulumi-voiceid` command (package `bin`). Each subcommand lives in its own module under
 * `cli/` and is loaded only when asked for, so `pulumi-voiceid plan-summary` does not pay for
 * the local stack's code and the other way round.
 *
 * A subcommand module exports `run(argv: string[]): Promise<number>` (the exit code) and a
 * one-line `summary` for the help text.
 * @module
 */

/** A subcommand: the module that implements it (relative to this file). */
interface Subcommand {
    module: string;
}

/** Every subcommand, by name. Add one line per subcommand. */
const SUBCOMMANDS: Record<string, Subcommand> = {
    "local-session": { module: "./localSession" },
    "plan-summary": { module: "./planSummary" },
    local: { module: "./local" },
};

interface SubcommandModule {
    summary: string;
    run(argv: string[]): Promise<number>;
}

function load(name: string): SubcommandModule {
    return require(SUBCOMMANDS[name].module) as SubcommandModule;
}

function usage(): string {
    const lines = Object.keys(SUBCOMMANDS)
        .sort()
        .map((name) => `  ${name.padEnd(14)} ${load(name).summary}`);
    return [
        "usage: pulumi-voiceid <command> [options]",
        "",
        "commands:",
        ...lines,
        "",
        "Run `pulumi-voiceid <command> --help` for the options of one command.",
    ].join("\n");
}

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
    const [name, ...rest] = argv;
    if (!name || name === "--help" || name === "-h" || name === "help") {
        process.stdout.write(usage() + "\n");
        return name ? 0 : 2;
    }
    if (!Object.prototype.hasOwnProperty.call(SUBCOMMANDS, name)) {
        process.stderr.write(`pulumi-voiceid: unknown command "${name}"\n\n${usage()}\n`);
        return 2;
    }
    return load(name).run(rest);
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            process.stderr.write(`pulumi-voiceid: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exitCode = 1;
        },
    );
}
