/**
 * The parts of a preview (`pulumi preview --json`, or the engine's event stream) this package
 * reads: plain shapes, shared by the two readers (`preview.ts`, `events.ts`) and the summary.
 * @module
 */
/** One resource state in a preview step. */
export interface PreviewState {
    urn?: string;
    type?: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

/** One step of a preview. */
export interface PreviewStep {
    op: string;
    urn: string;
    oldState?: PreviewState;
    newState?: PreviewState;
    replaceReasons?: string[];
    diffReasons?: string[];
    detailedDiff?: Record<string, { kind?: string }> | null;
}

/** One diagnostic (a message) of a preview. */
export interface PreviewDiagnostic {
    urn?: string;
    message: string;
    severity?: string;
}

/** A policy violation the engine reported (only the JSON event stream carries them: see `events.ts`). */
export interface PolicyViolation {
    /** The policy's id, e.g. `voiceid-job-results-cmk`. */
    policy: string;
    /** The pack's name. */
    pack: string;
    packVersion?: string;
    /** `mandatory` fails the preview; `advisory` only reports. */
    level: string;
    /** The resource in violation; absent for a stack-wide violation. */
    urn?: string;
    /** The policy's one-line description. */
    description: string;
    /** What the policy reported about the resource. */
    message: string;
}

/** The parts of a preview this package reads. */
export interface Preview {
    steps: PreviewStep[];
    diagnostics: PreviewDiagnostic[];
    changeSummary?: Record<string, number>;
    /** Policy violations, when the input was the event stream (the digest has none). */
    policyViolations?: PolicyViolation[];
}
