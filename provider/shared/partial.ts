/**
 * Error shapes the dynamic provider host treats specially.
 *
 * An error that still records the resource.
 *
 * The Node.js dynamic provider host turns an error carrying `id` and `properties` thrown from
 * `create` or `update` into `ErrorResourceInitFailed`: the engine saves the resource with those
 * outputs and marks the operation failed. That is how a FAILED or timed-out job stays in the
 * stack (with its job id) instead of being orphaned.
 * @module
 */
export class PartialStateError extends Error {
    /** Reasons shown by the engine (one line each). */
    readonly reasons: string[];
    constructor(
        message: string,
        /** Resource id to record. */
        readonly id: string,
        /** Outputs to record. */
        readonly properties: object,
    ) {
        super(message);
        this.name = "PartialStateError";
        this.reasons = [message];
    }
}

/**
 * An expected refusal (deleting a default or non-empty watchlist...): the message says what to
 * do. The host prints an error thrown by `delete` (also `read`, `check`, `diff`) itself, with
 * its stack trace, before the engine reports the same message; the lazy provider drops that line
 * for refusals (see `engineView.ts`), so the message is printed once, by the
 * engine.
 */
export class Refusal extends Error {
    /** Marks the error for the lazy provider (checked by shape: it is serialized code). */
    readonly expected = true;
    constructor(message: string) {
        super(message);
        this.name = "Refusal";
    }
}
