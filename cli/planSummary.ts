/**
 * `pulumi-voiceid plan-summary [file] [--fail-on destroy] [--json] [--max-chars N]`: reads
 * `pulumi preview --json` (stdin, or the file) and writes a markdown summary of the Voice ID
 * changes for a pull-request comment. The logic lives in `cli/plan/` (pure, tested); this module
 * is the command line.
 *
 * Exit codes: 0 summary written; 3 under `--fail-on destroy` when the plan deletes fraudsters,
 * speakers, domains or watchlists (the summary is written first); 2 usage or input error.
 * @module
 */
import * as fs from "fs";
import { deletionsPhrase } from "./plan/deletions";
import { MAX_COMMENT_CHARS, renderMarkdown } from "./plan/markdown";
import { parsePreview, PreviewFormatError } from "./plan/preview";
import { planOf } from "./plan/summary";

/** One line for `pulumi-voiceid --help`. */
export const summary = "markdown summary of `pulumi preview --json` for a PR comment (--fail-on destroy gates)";

/** Exit code of a destructive plan under `--fail-on destroy`. */
export const EXIT_DESTRUCTIVE = 3;

/**
 * What `--fail-on destroy` does, worded once: the help prints it, and README.md and
 * docs/plans.md carry the same sentence (a unit test holds them to it).
 */
export const FAIL_ON_DESTROY = `exit ${EXIT_DESTRUCTIVE} when the plan deletes fraudsters, speakers, domains or watchlists (the summary is written first)`;

const HELP = `usage: pulumi-voiceid plan-summary [preview.json] [--fail-on destroy] [--json] [--max-chars N]

Reads the output of \`pulumi preview --json\` (from the file, or stdin) and writes a markdown
summary of the Voice ID changes for a pull-request comment: the stack; policy violations (read
from the engine's event stream: PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1 pulumi preview --json
--policy-pack ...; the plain JSON digest drops them); what the plan deletes
(fraudsters, speakers, domains, watchlists), with counts and reasons; jobs to start, replace,
adopt or forget; domains and watchlists created, updated, replaced or deleted; every changed
input old => new (secrets stay [secret]).

  --fail-on destroy   ${FAIL_ON_DESTROY}
  --json              write the summary as JSON instead of markdown
  --max-chars N       longest markdown output (default ${MAX_COMMENT_CHARS}: GitHub's 65,536-character
                      comment limit less room for a marker); a longer plan leaves out values,
                      then list items, and says so

Exit codes: 0 summary written; ${EXIT_DESTRUCTIVE} see --fail-on; 2 usage error, or input that is not preview JSON.
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
export async function run(
    argv: string[],
    io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; stdin?: () => Promise<string> } = {
        stdout: process.stdout,
        stderr: process.stderr,
    },
): Promise<number> {
    let file: string | undefined;
    let failOn: string | undefined;
    let json = false;
    let maxChars = MAX_COMMENT_CHARS;
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
        } else if (a === "--max-chars" || a.startsWith("--max-chars=")) {
            const v = a.includes("=") ? a.split("=")[1] : argv[++i];
            maxChars = Number(v);
            // Below a few hundred characters not even the heading and the cut note fit.
            if (!Number.isInteger(maxChars) || maxChars < 500) {
                io.stderr.write(
                    `plan-summary: --max-chars must be an integer of at least 500, got ${JSON.stringify(v ?? "")}\n`,
                );
                return 2;
            }
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
    io.stdout.write(json ? JSON.stringify(plan, null, 2) + "\n" : renderMarkdown(plan, { maxChars }));
    if (failOn === "destroy" && plan.destructive) {
        // The reasons name the resources; a CI log needs the first few, the comment has them all.
        const items = plan.deletions.slice(0, 5).map((d) => `${d.resource}: ${d.reason}`);
        const more = plan.deletions.length > 5 ? `; ${plan.deletions.length - 5} more` : "";
        io.stderr.write(
            `plan-summary: the plan deletes ${deletionsPhrase(plan)} (${items.join("; ")}${more}) (--fail-on destroy)\n`,
        );
        return EXIT_DESTRUCTIVE;
    }
    return 0;
}
