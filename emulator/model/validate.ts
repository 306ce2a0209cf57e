/**
 * Request validation against the model's constraints, the way the service's front end does it:
 * every violation is collected into one ValidationException message ("N validation errors
 * detected: ..."), member paths are lowerCamelCase, lists are indexed from 1, and values of
 * sensitive members are never echoed.
 * @module
 */
import { SHAPES, OPERATIONS } from "./tables";
import type { Shape } from "./types";
import { SerializationError } from "../errors";

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
    let r = patternCache.get(pattern);
    if (!r) {
        r = new RegExp(pattern, "u");
        patternCache.set(pattern, r);
    }
    return r;
}

function lowerFirst(s: string): string {
    return s.charAt(0).toLowerCase() + s.slice(1);
}

function describeValue(shape: Shape, value: unknown): string {
    if (shape.sensitive) return "Value at";
    if (value === null || value === undefined) return "Value null at";
    if (typeof value === "string") return `Value '${value.length > 256 ? value.slice(0, 256) + "..." : value}' at`;
    if (Array.isArray(value)) return "Value at";
    return `Value '${String(value)}' at`;
}

function check(shapeName: string, value: unknown, path: string, errors: string[]): void {
    const shape = SHAPES[shapeName];
    if (!shape) throw new Error(`unknown shape ${shapeName}`);
    const fail = (rule: string) =>
        errors.push(`${describeValue(shape, value)} '${path}' failed to satisfy constraint: ${rule}`);
    switch (shape.type) {
        case "structure": {
            if (typeof value !== "object" || value === null || Array.isArray(value)) {
                throw new SerializationError(`Expected an object at '${path || "$"}'`);
            }
            const obj = value as Record<string, unknown>;
            for (const [name, member] of Object.entries(shape.members ?? {})) {
                const childPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
                const v = obj[name];
                if (v === undefined || v === null) {
                    if (shape.required?.includes(name)) {
                        const memberShape = SHAPES[member.shape];
                        errors.push(
                            `${memberShape?.sensitive ? "Value" : "Value null"} at '${childPath}' failed to satisfy constraint: Member must not be null`,
                        );
                    }
                    continue;
                }
                check(member.shape, v, childPath, errors);
            }
            return;
        }
        case "list": {
            if (!Array.isArray(value)) throw new SerializationError(`Expected a list at '${path}'`);
            if (shape.min !== undefined && value.length < shape.min)
                fail(`Member must have length greater than or equal to ${shape.min}`);
            if (shape.max !== undefined && value.length > shape.max)
                fail(`Member must have length less than or equal to ${shape.max}`);
            value.forEach((item, i) => {
                if (item === null || item === undefined) {
                    errors.push(
                        `Value null at '${path}.${i + 1}.member' failed to satisfy constraint: Member must not be null`,
                    );
                } else {
                    check(shape.member!, item, `${path}.${i + 1}.member`, errors);
                }
            });
            return;
        }
        case "map": {
            if (typeof value !== "object" || value === null || Array.isArray(value))
                throw new SerializationError(`Expected a map at '${path}'`);
            const entries = Object.entries(value as Record<string, unknown>);
            if (shape.min !== undefined && entries.length < shape.min)
                fail(`Member must have length greater than or equal to ${shape.min}`);
            if (shape.max !== undefined && entries.length > shape.max)
                fail(`Member must have length less than or equal to ${shape.max}`);
            for (const [k, v] of entries) {
                check(shape.key!, k, `${path}.key`, errors);
                check(shape.value!, v, `${path}.value`, errors);
            }
            return;
        }
        case "string": {
            if (typeof value !== "string") throw new SerializationError(`Expected a string at '${path}'`);
            const length = [...value].length;
            if (shape.enum && !shape.enum.includes(value))
                fail(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
            if (shape.min !== undefined && length < shape.min)
                fail(`Member must have length greater than or equal to ${shape.min}`);
            if (shape.max !== undefined && length > shape.max)
                fail(`Member must have length less than or equal to ${shape.max}`);
            if (shape.pattern && !regex(shape.pattern).test(value))
                fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
            return;
        }
        case "integer":
        case "long": {
            if (typeof value !== "number" || !Number.isInteger(value))
                throw new SerializationError(`Expected an integer at '${path}'`);
            if (shape.min !== undefined && value < shape.min)
                fail(`Member must have value greater than or equal to ${shape.min}`);
            if (shape.max !== undefined && value > shape.max)
                fail(`Member must have value less than or equal to ${shape.max}`);
            return;
        }
        case "double":
        case "float":
            if (typeof value !== "number") throw new SerializationError(`Expected a number at '${path}'`);
            return;
        case "boolean":
            if (typeof value !== "boolean") throw new SerializationError(`Expected a boolean at '${path}'`);
            return;
        default:
            return;
    }
}

/**
 * Validates an operation's input. Returns the ValidationException message, or undefined when
 * the input is valid. Throws SerializationError for values of the wrong JSON type.
 */
export function validateInput(operation: string, input: unknown): string | undefined {
    const op = OPERATIONS[operation];
    if (!op) throw new Error(`operation ${operation} is not in the model table`);
    const errors: string[] = [];
    check(op.input, input, "", errors);
    if (errors.length === 0) return undefined;
    return `${errors.length} validation error${errors.length > 1 ? "s" : ""} detected: ${errors.join("; ")}`;
}

/** Copy of an input with every sensitive member replaced by "***", for logs. */
export function redact(operation: string, input: unknown): unknown {
    const op = OPERATIONS[operation];
    return op ? redactShape(op.input, input) : "***";
}

function redactShape(shapeName: string, value: unknown): unknown {
    const shape = SHAPES[shapeName];
    if (!shape || value === null || value === undefined) return value;
    if (shape.sensitive) return "***";
    if (shape.type === "structure" && typeof value === "object" && !Array.isArray(value)) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            const m = shape.members?.[k];
            out[k] = m ? redactShape(m.shape, v) : "?";
        }
        return out;
    }
    if (shape.type === "list" && Array.isArray(value)) return value.map((v) => redactShape(shape.member!, v));
    return value;
}
