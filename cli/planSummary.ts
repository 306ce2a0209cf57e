/**
 * `pulumi-voiceid plan-summary [file] [--fail-on destroy] [--json]`: reads `pulumi preview --json`
 * (stdin, or the file) and writes a markdown summary of the Voice ID changes for a pull-request
 * comment. The logic lives in `cli/plan/` (pure, tested); this module is the command line.
 *
 * Exit codes: 0 summary written; 3 `--fail-on destroy` and the plan deletes fraudsters or
 * domains (the summary is still written); 2 usage or input error.
 * @module
 */
import * as fs from "fs";
import { parsePreview, PreviewFormatError } from "./plan/preview";
import { planOf, renderMarkdown } from "./plan/summary";

/** One line for `pulumi-voiceid --help`. */
export const summary = "markdown summary of `pulumi preview --json` for a PR comment (--fail-on destroy gates)";

/** Exit code of a destructive plan under `--fail-on destroy`. */
export const EXIT_DESTRUCTIVE = 3;

const HELP = `usage: pulumi-voiceid plan-summary [preview.json] [--fail-on destroy] [--json]

Reads the output of \`pulumi preview --json\` (from the file, or stdin) and writes a markdown
summary of the Voice ID changes: jobs to start, replace, adopt or forget; fraudsters to delete;
domains and watchlists created, replaced or deleted, each with its reason.

  --fail-on destroy   exit ${EXIT_DESTRUCTIVE} when the plan deletes fraudsters or domains (after writing the summary)
  --json              write the summary as JSON instead of markdown
`;

function readStdin(): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on("data", (c: Buffer) => chunks.push(c));
        process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        process.stdin.on("error", reject);
    });
}

/** Runs the command; returns the exit code. */
export async function run(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; stdin?: () => Promise<string> } = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
    let file: string | undefined;
    let failOn: string | undefined;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--help" || a === "-h") {
            io.stdout.write(HELP);
            return 0;
        } else if (a === "--fail-on" || a.startsWith("--fail-on=")) {
            failOn = a.includes("=") ? a.split("=")[1] : argv[++i];
            if (failOn !== "destroy") {
                io.stderr.write(`plan-summary: --fail-on must be "destroy", got ${JSON.stringify(failOn ?? "")}\n`);
                return 2;
            }
        } else if (a === "--json") {
            json = true;
        } else if (a.startsWith("-") && a !== "-") {
            io.stderr.write(`plan-summary: unknown option ${a}\n\n${HELP}`);
            return 2;
        } else if (file === undefined) {
            file = a;
        } else {
            io.stderr.write(`plan-summary: one input file at most (got ${file} and ${a})\n`);
            return 2;
        }
    }
    let text: string;
    try {
        text = file && file !== "-" ? fs.readFileSync(file, "utf8") : await (io.stdin ?? readStdin)();
    } catch (err) {
        io.stderr.write(`plan-summary: cannot read ${file}: ${(err as Error).message}\n`);
        return 2;
    }
    let plan;
    try {
        plan = planOf(parsePreview(text));
    } catch (err) {
        if (err instanceof PreviewFormatError) {
            io.stderr.write(`plan-summary: ${file ?? "stdin"} is ${err.message}\n`);
            return 2;
        }
        throw err;
    }
    io.stdout.write(json ? JSON.stringify(plan, null, 2) + "\n" : renderMarkdown(plan));
    if (failOn === "destroy" && plan.destructive) {
        io.stderr.write(`plan-summary: the plan deletes ${[plan.fraudstersDeleted ? `${plan.fraudstersDeleted} fraudster(s)` : "", plan.domainsDeleted ? `${plan.domainsDeleted} domain(s)` : ""].filter(Boolean).join(" and ")} (--fail-on destroy)\n`);
        return EXIT_DESTRUCTIVE;
    }
    return 0;
}
