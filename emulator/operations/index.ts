/**
 * The operation table: every Voice ID operation and the emulator-only ones, by X-Amz-Target.
 * @module
 */
import type { Handler } from "./context";
import { domainHandlers } from "./domains";
import { watchlistHandlers } from "./watchlists";
import { fraudsterHandlers } from "./fraudsters";
import { jobHandlers } from "./jobs";
import { speakerHandlers } from "./speakers";
import { sessionHandlers, localHandlers } from "./sessions";
import { tagHandlers } from "./tags";

/** Every Voice ID operation, by its X-Amz-Target name (`VoiceID.<name>`). */
export const HANDLERS: Record<string, Handler> = {
    ...domainHandlers,
    ...watchlistHandlers,
    ...fraudsterHandlers,
    ...jobHandlers,
    ...speakerHandlers,
    ...sessionHandlers,
    ...tagHandlers,
};

/** Emulator-only operations outside the Voice ID API (`VoiceIDLocal.<name>`). */
export const LOCAL_HANDLERS: Record<string, Handler> = { ...localHandlers };

const TARGETS: [prefix: string, handlers: Record<string, Handler>][] = [
    ["VoiceID.", HANDLERS],
    ["VoiceIDLocal.", LOCAL_HANDLERS],
];

/** The operation an X-Amz-Target names, or undefined (UnknownOperationException). */
export function resolveTarget(target: string): { operation: string; handler: Handler } | undefined {
    for (const [prefix, handlers] of TARGETS) {
        if (!target.startsWith(prefix)) continue;
        const operation = target.slice(prefix.length);
        return Object.prototype.hasOwnProperty.call(handlers, operation)
            ? { operation, handler: handlers[operation] }
            : undefined;
    }
    return undefined;
}
