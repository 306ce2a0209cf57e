/**
 * Runs the `run:` steps of a GitHub Actions workflow file on this machine, in order, the way a
 * hosted runner runs them: `bash --noprofile --norc -eo pipefail` per step, the workflow's, job's
 * and step's `env:`, the job's default working directory, `$GITHUB_OUTPUT` read back into
 * `steps.<id>.outputs`, `$GITHUB_STEP_SUMMARY`, `$RUNNER_TEMP`, `$GITHUB_API_URL`, and the first
 * failing step ending the job. It is not the runner: `uses:` steps do not run, each needs a
 * stand-in declared by the test (what replaces it here), and `${{ }}` expressions are evaluated
 * only in the few shapes workflows use (`a || 'b'`, `contains(list, x)`, context lookups), from
 * values the test gives; anything else throws, so a workflow cannot drift past its test.
 * @module
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { run, RunResult } from "./process";

/** One step of a workflow job. */
export interface WorkflowStep {
    id?: string;
    name?: string;
    uses?: string;
    run?: string;
    env?: Record<string, string>;
    with?: Record<string, unknown>;
    "working-directory"?: string;
    if?: string;
}

/** The parts of a workflow file this runner reads. */
export interface Workflow {
    env?: Record<string, string>;
    jobs: Record<
        string,
        { env?: Record<string, string>; defaults?: { run?: { "working-directory"?: string } }; steps: WorkflowStep[] }
    >;
}

/** Parses a workflow file. */
export function readWorkflow(file: string): Workflow {
    return parse(fs.readFileSync(file, "utf8")) as Workflow;
}

/** Contexts the expressions read: `vars.X`, `secrets.X`, `github.…` by full name; lists for `contains`. */
export type ExpressionValues = Record<string, string | string[]>;

/** What a run of the job did, step by step. */
export interface StepResult extends RunResult {
    step: WorkflowStep;
    outputs: Record<string, string>;
}

/** Options of {@link runJob}. */
export interface RunJobOptions {
    /** The checkout: the repository the job runs in ($GITHUB_WORKSPACE). */
    workspace: string;
    /** Environment of the runner and the stand-ins (PATH with node and pulumi, AWS settings, ...). */
    env: NodeJS.ProcessEnv;
    values: ExpressionValues;
    /** Each `uses:` action (without its `@version`) and what stands in for it here. */
    standIns: Record<string, string>;
    /** $RUNNER_TEMP and the runner's files ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY). */
    runnerTemp: string;
    /** Run only the steps this accepts (the others are skipped, as if they had run before). */
    only?: (step: WorkflowStep) => boolean;
}

/** Evaluates one expression (the text inside `${{ }}`). */
export function evaluate(
    expr: string,
    values: ExpressionValues,
    env: Record<string, string>,
    outputs: Record<string, Record<string, string>>,
): string | string[] {
    const e = expr.trim();
    const ors = splitTop(e, "||");
    if (ors.length > 1) {
        for (const part of ors) {
            const v = evaluate(part, values, env, outputs);
            if (v !== "" && v !== "false") return v;
        }
        return "";
    }
    const contains = /^contains\((.*)\)$/.exec(e);
    if (contains) {
        const [list, item] = splitTop(contains[1], ",").map((a) => evaluate(a, values, env, outputs));
        // As on GitHub: an element of a list, or a substring; either way ignoring case.
        const needle = String(item).toLowerCase();
        return String(
            Array.isArray(list)
                ? list.some((x) => x.toLowerCase() === needle)
                : String(list).toLowerCase().includes(needle),
        );
    }
    const literal = /^'((?:[^']|'')*)'$/.exec(e);
    if (literal) return literal[1].replace(/''/g, "'");
    const envRef = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(e);
    if (envRef) return env[envRef[1]] ?? "";
    const output = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(e);
    if (output) return outputs[output[1]]?.[output[2]] ?? "";
    if (e in values) return values[e];
    throw new Error(`the test gives no value for the expression \${{ ${e} }}`);
}

/** Splits at `sep` outside parentheses and quotes. */
function splitTop(text: string, sep: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let quoted = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "'") quoted = !quoted;
        else if (!quoted && c === "(") depth++;
        else if (!quoted && c === ")") depth--;
        else if (!quoted && depth === 0 && text.startsWith(sep, i)) {
            parts.push(text.slice(start, i));
            start = i + sep.length;
            i += sep.length - 1;
        }
    }
    parts.push(text.slice(start));
    return parts.map((p) => p.trim());
}

/** Replaces every `${{ }}` in a string. */
function interpolate(
    text: string,
    values: ExpressionValues,
    env: Record<string, string>,
    outputs: Record<string, Record<string, string>>,
): string {
    return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, e: string) => String(evaluate(e, values, env, outputs)));
}

function evalEnv(
    block: Record<string, string> | undefined,
    values: ExpressionValues,
    env: Record<string, string>,
    outputs: Record<string, Record<string, string>>,
): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(block ?? {}))
        out[k] = interpolate(String(v), values, { ...env, ...out }, outputs);
    return out;
}

/** `name=value` lines and `name<<DELIM` blocks of a $GITHUB_OUTPUT file. */
function readOutputs(file: string): Record<string, string> {
    if (!fs.existsSync(file)) return {};
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const out: Record<string, string> = {};
    for (let i = 0; i < lines.length; i++) {
        const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
        if (heredoc) {
            const end = lines.indexOf(heredoc[2], i + 1);
            out[heredoc[1]] = lines.slice(i + 1, end).join("\n");
            i = end;
        } else if (lines[i].includes("=")) {
            out[lines[i].slice(0, lines[i].indexOf("="))] = lines[i].slice(lines[i].indexOf("=") + 1);
        }
    }
    return out;
}

/**
 * Runs the one job of `workflow` (a workflow with several jobs is refused: their order is not the
 * file's). Returns the steps that ran, the failing one last.
 */
export async function runJob(workflow: Workflow, opts: RunJobOptions): Promise<StepResult[]> {
    const jobs = Object.values(workflow.jobs);
    if (jobs.length !== 1) throw new Error(`one job expected, the workflow has ${jobs.length}`);
    const job = jobs[0];
    const outputs: Record<string, Record<string, string>> = {};
    const workflowEnv = evalEnv(workflow.env, opts.values, {}, outputs);
    const jobEnv = { ...workflowEnv, ...evalEnv(job.env, opts.values, workflowEnv, outputs) };
    const defaultDir = job.defaults?.run?.["working-directory"];
    const results: StepResult[] = [];
    fs.mkdirSync(opts.runnerTemp, { recursive: true });
    for (const [i, step] of job.steps.entries()) {
        if (step.if !== undefined) throw new Error(`step ${step.name ?? i}: \`if:\` is not evaluated here`);
        if (step.uses) {
            const action = step.uses.split("@")[0];
            if (!(action in opts.standIns)) throw new Error(`no local stand-in for ${step.uses}`);
            continue;
        }
        if (opts.only && !opts.only(step)) continue;
        const stepEnv = { ...jobEnv, ...evalEnv(step.env, opts.values, jobEnv, outputs) };
        const dir = interpolate(step["working-directory"] ?? defaultDir ?? ".", opts.values, stepEnv, outputs);
        const outputFile = path.join(opts.runnerTemp, `_output_${i}`);
        const script = path.join(opts.runnerTemp, `_step_${i}.sh`);
        fs.writeFileSync(outputFile, "");
        fs.writeFileSync(script, step.run ?? "");
        const r = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
            cwd: path.resolve(opts.workspace, dir),
            env: {
                ...opts.env,
                CI: "true",
                GITHUB_ACTIONS: "true",
                GITHUB_WORKSPACE: opts.workspace,
                RUNNER_TEMP: opts.runnerTemp,
                GITHUB_OUTPUT: outputFile,
                GITHUB_STEP_SUMMARY: path.join(opts.runnerTemp, "step-summary.md"),
                ...stepEnv,
            },
            timeoutMs: 600_000,
        });
        const stepOutputs = readOutputs(outputFile);
        if (step.id) outputs[step.id] = stepOutputs;
        results.push({ ...r, step, outputs: stepOutputs });
        if (r.code !== 0) break;
    }
    return results;
}
