/**
 * The modelled part of an input. AWS ignores members its model does not know; dropping them
 * right after validation keeps them out of everything downstream (idempotency hashes, stored
 * job requests, logs), so two requests that differ only in unknown members are the same request.
 * @module
 */
import { SHAPES, OPERATIONS } from "./tables";

/** A copy of a validated input with only the members of the operation's input shape. */
export function modelledInput(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    const op = OPERATIONS[operation];
    if (!op) throw new Error(`operation ${operation} is not in the model table`);
    return project(op.input, input) as Record<string, unknown>;
}

function project(shapeName: string, value: unknown): unknown {
    const shape = SHAPES[shapeName];
    if (!shape || value === null || value === undefined) return value;
    switch (shape.type) {
        case "structure": {
            const obj = value as Record<string, unknown>;
            const out: Record<string, unknown> = {};
            for (const [name, member] of Object.entries(shape.members ?? {})) {
                if (Object.prototype.hasOwnProperty.call(obj, name) && obj[name] !== undefined)
                    out[name] = project(member.shape, obj[name]);
            }
            return out;
        }
        case "list":
            return (value as unknown[]).map((v) => project(shape.member!, v));
        case "map": {
            // Null prototype: a "__proto__" key stays an ordinary member.
            const out: Record<string, unknown> = Object.create(null);
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = project(shape.value!, v);
            return out;
        }
        default:
            return value;
    }
}
