/**
 * Deterministic ClientTokens for Voice ID create calls (CreateDomain, CreateWatchlist...).
 *
 * A token derived from the resource's identity and request means a `pulumi up` killed after the
 * create call but before the engine saved the id adopts the same object on the next run instead
 * of creating a second one. Services remember a token for a while (hours), including after the
 * object it created was deleted, so callers walk generations 0, 1, 2...: a generation whose
 * token answers with a deleted object is spent and the next one is tried. No state is needed,
 * so the walk is crash-safe.
 * @module
 */
import * as crypto from "crypto";
import { canonicalJson } from "./data";
import { TargetInputs, declaredTargetOf } from "./scope";
import { runtime } from "./callContext";

/** Largest generation walked before giving up. */
export const MAX_TOKEN_GENERATIONS = 20;

/**
 * `<prefix>-g<generation>-<hex>`: at most 64 characters of `[a-zA-Z0-9-_]`, the ClientToken
 * rule. `derivation` names the resource type and version of the scheme; `material` is
 * everything that identifies "this create" (project, stack, name, request, target).
 */
export function deriveToken(prefix: string, derivation: string, material: unknown, generation: number): string {
    if (!/^[a-zA-Z0-9]{1,8}$/.test(prefix))
        throw new Error(`deriveToken: prefix must be 1-8 letters or digits, got ${JSON.stringify(prefix)}`);
    const hash = crypto.createHash("sha256").update(canonicalJson({ derivation, material, generation })).digest("hex");
    const head = `${prefix}-g${generation}-`;
    return head + hash.slice(0, Math.min(48, 64 - head.length));
}

/**
 * The ClientToken of a create call made for one resource of a program: the program's identity
 * (project, stack, logical name), the request and the declared target, for `generation`.
 */
export function resourceToken(
    prefix: string,
    derivation: string,
    inputs: TargetInputs,
    request: unknown,
    generation: number,
): string {
    return deriveToken(
        prefix,
        derivation,
        {
            project: inputs.scope?.project ?? "",
            stack: inputs.scope?.stack ?? "",
            name: inputs.scope?.name ?? "",
            request,
            target: declaredTargetOf(inputs),
        },
        generation,
    );
}

/** What one generation's create call came to: the object to use, or why its token is spent. */
export type GenerationOutcome<T> = { use: T } | { spent: string };

/**
 * The walk every create call makes: generations 0, 1, 2... until `attempt` returns something to
 * use. A spent generation is logged (`<why>; trying generation <next>`) and the next one tried;
 * past {@link MAX_TOKEN_GENERATIONS} the error of `exhausted` is thrown.
 */
export async function walkTokenGenerations<T>(
    attempt: (generation: number) => Promise<GenerationOutcome<T>>,
    log: { info(message: string): void },
    exhausted: () => Error,
): Promise<T> {
    for (let generation = 0; generation < MAX_TOKEN_GENERATIONS; generation++) {
        const outcome = await attempt(generation);
        if ("use" in outcome) return outcome.use;
        log.info(`${outcome.spent}; trying generation ${generation + 1}`);
    }
    throw exhausted();
}

/**
 * Whether an object a create call answered with was created earlier than this call (the token
 * adopted it): created more than `marginMs` ago by the provider's clock.
 */
export function createdEarlier(createdAt: Date | undefined, marginMs = 10_000): boolean {
    return createdAt !== undefined && runtime.clock.now() - createdAt.getTime() > marginMs;
}
