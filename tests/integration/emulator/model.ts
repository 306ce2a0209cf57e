/**
 * botocore's voice-id service model, read from the venv at test time (an independent copy of
 * the model the emulator's shape table was generated from), and a checker of output shapes.
 * @module
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as path from "node:path";
import { pythonBin } from "../../support/localStack";

export interface BotoShape {
    type: string;
    required?: string[];
    members?: Record<string, { shape: string }>;
    member?: { shape: string };
    min?: number;
    max?: number;
    pattern?: string;
    enum?: string[];
}
export interface BotoModel {
    operations: Record<string, { input: { shape: string }; output?: { shape: string } }>;
    shapes: Record<string, BotoShape>;
}

let cached: Promise<BotoModel> | undefined;

export function botocoreModel(): Promise<BotoModel> {
    cached ??= (async () => {
        const python = path.join(await pythonBin(), "python");
        const { stdout } = await promisify(execFile)(
            python,
            [
                "-c",
                "import botocore,gzip,os,sys; sys.stdout.write(gzip.open(os.path.join(os.path.dirname(botocore.__file__),'data','voice-id','2021-09-27','service-2.json.gz')).read().decode())",
            ],
            { maxBuffer: 64 * 1024 * 1024 },
        );
        return JSON.parse(stdout) as BotoModel;
    })();
    return cached;
}

/**
 * Problems of a raw JSON 1.0 response body against the operation's output shape: members the
 * model does not have, wrong JSON types, enum values outside the model, missing required
 * members, list sizes and string constraints. Empty when the body conforms.
 */
export function outputProblems(model: BotoModel, operation: string, body: unknown): string[] {
    const problems: string[] = [];
    const out = model.operations[operation].output?.shape;
    if (!out)
        return body && Object.keys(body as object).length
            ? [`${operation} has no output but answered ${JSON.stringify(body)}`]
            : [];
    check(model, out, body, operation, problems);
    return problems;
}

function check(model: BotoModel, shapeName: string, value: unknown, at: string, problems: string[]): void {
    const s = model.shapes[shapeName];
    const bad = (why: string): void => {
        problems.push(`${at}: ${why} (${JSON.stringify(value)?.slice(0, 80)})`);
    };
    switch (s.type) {
        case "structure": {
            if (!value || typeof value !== "object" || Array.isArray(value))
                return bad(`expected a ${shapeName} object`);
            const obj = value as Record<string, unknown>;
            for (const k of Object.keys(obj)) if (!s.members?.[k]) bad(`member ${k} is not in ${shapeName}`);
            for (const r of s.required ?? [])
                if (obj[r] === undefined || obj[r] === null) bad(`required member ${r} of ${shapeName} is missing`);
            for (const [k, m] of Object.entries(s.members ?? {}))
                if (obj[k] !== undefined && obj[k] !== null) check(model, m.shape, obj[k], `${at}.${k}`, problems);
            return;
        }
        case "list":
            if (!Array.isArray(value)) return bad("expected a list");
            if (s.min !== undefined && value.length < s.min) bad(`fewer than ${s.min} items`);
            if (s.max !== undefined && value.length > s.max) bad(`more than ${s.max} items`);
            value.forEach((v, i) => check(model, s.member!.shape, v, `${at}[${i}]`, problems));
            return;
        case "string":
            if (typeof value !== "string") return bad("expected a string");
            if (s.enum && !s.enum.includes(value)) bad(`not one of ${s.enum.join(", ")}`);
            if (s.min !== undefined && value.length < s.min) bad(`shorter than ${s.min}`);
            if (s.max !== undefined && value.length > s.max) bad(`longer than ${s.max}`);
            if (s.pattern && !new RegExp(s.pattern, "u").test(value)) bad(`does not match ${s.pattern}`);
            return;
        case "integer":
        case "long":
            if (typeof value !== "number" || !Number.isInteger(value)) return bad("expected an integer");
            if (s.min !== undefined && value < s.min) bad(`below ${s.min}`);
            if (s.max !== undefined && value > s.max) bad(`above ${s.max}`);
            return;
        case "timestamp":
            if (typeof value !== "number") bad("expected epoch seconds");
            return;
        case "boolean":
            if (typeof value !== "boolean") bad("expected a boolean");
            return;
        default:
            return;
    }
}
