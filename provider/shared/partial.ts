/**
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
