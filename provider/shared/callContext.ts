/**
 * The context of one provider operation, for every resource: where its calls go, how long they
 * keep retrying, what its log lines and errors mask, and the process-wide knobs tests swap.
 *
 * One deadline rule, with parameters instead of copies:
 * - an operation with a time budget (a batch job's `timeoutSeconds`, the manifest check's short
 *   window) has one deadline, fixed when the context is made: every call, slot wait and poll of
 *   that operation ends by it;
 * - otherwise (control-plane calls: domains, watchlists, a job's refresh and destroy) each call
 *   keeps retrying for {@link runtime}`.callDeadlineMs` from the moment it is made;
 * - reading a job's results gets {@link runtime}`.resultsWindowMs` from now even when the
 *   operation's deadline has passed ({@link CallContext.resultsDeadline}).
 *
 * Every sleep of an operation (retry backoffs, polls, slot waits) also ends when the process's
 * waits are stopped (`stop.ts`: a cancellation, or the engine gone): {@link CallContext.signal}.
 * @module
 */
import { Clock, Random, realClock } from "./clock";
import { Logger, logger } from "./log";
import { Refusal } from "./partial";
import { redactText } from "./redact";
import { RetryOptions, logRetries } from "./retry";
import { TargetInputs, endpointInputsOf } from "./scope";
import { ClientSettings, companionSettings, resolveSettings } from "./settings";
import { stopSignal } from "./stop";

/**
 * Process-wide knobs of every provider. Production code leaves them alone; tests and benchmarks
 * swap the clock, randomness and delays. Resources add their own knobs with {@link withKnobs}, so
 * this stays one object: swapping the clock swaps it for every resource.
 */
export const runtime = {
    clock: realClock as Clock,
    random: Math.random as Random,
    /** Backoff of throttled / failed calls. */
    retryBaseDelayMs: 300,
    retryMaxDelayMs: 20_000,
    /** How long one control-plane call keeps retrying throttling / 5xx / connection errors. */
    callDeadlineMs: 300_000,
    /** How long reading a job's output file keeps retrying, even past the job's deadline. */
    resultsWindowMs: 120_000,
};

/** Adds a resource's own knobs to {@link runtime} (the same object, typed with them). */
export function withKnobs<K extends object>(knobs: K): typeof runtime & K {
    return Object.assign(runtime, knobs);
}

/** A set of calls made for a context: built from its settings and its retry policy. */
export type CallsFactory<T> = (settings: ClientSettings, retry: () => RetryOptions) => T;

/** Per-operation context: where calls go, how they retry, what they log (see the module). */
export class CallContext {
    readonly log: Logger;
    readonly clock: Clock = runtime.clock;
    /** Ends the operation's sleeps: see `stop.ts`. */
    readonly signal: AbortSignal = stopSignal();
    /** Voice ID settings of the context's target. */
    readonly settings: ClientSettings;
    private readonly fixedDeadline?: number;

    /**
     * @param inputs where calls go (region, endpoint, stack config)
     * @param secrets values masked in every log line and error message
     * @param budgetSeconds the operation's time budget; absent for control-plane operations
     */
    constructor(
        readonly inputs: TargetInputs,
        readonly secrets: () => (string | undefined)[],
        budgetSeconds?: number,
    ) {
        if (budgetSeconds !== undefined) this.fixedDeadline = this.clock.now() + budgetSeconds * 1000;
        this.settings = resolveSettings("Voice ID", endpointInputsOf(inputs));
        this.log = logger("voiceid", secrets, inputs.scope?.urn);
    }

    /** The deadline of a call made now: the operation's, else `callDeadlineMs` from now. */
    get deadline(): number {
        return this.fixedDeadline ?? this.clock.now() + runtime.callDeadlineMs;
    }

    /** The deadline of a results read made now: never less than `resultsWindowMs` away. */
    resultsDeadline(): number {
        return Math.max(this.deadline, this.clock.now() + runtime.resultsWindowMs);
    }

    retryOptions(deadline = this.deadline): RetryOptions {
        return {
            clock: this.clock,
            random: runtime.random,
            deadline,
            baseDelayMs: runtime.retryBaseDelayMs,
            maxDelayMs: runtime.retryMaxDelayMs,
            onRetry: logRetries(this.log, this.clock),
            signal: this.signal,
        };
    }

    /** Voice ID calls for this context's target, each retried per the deadline rule. */
    calls<T>(make: CallsFactory<T>): T {
        return make(this.settings, () => this.retryOptions());
    }

    /** Settings of a service used alongside Voice ID (S3 for output files). */
    companion(serviceId: string): ClientSettings {
        return companionSettings(serviceId, endpointInputsOf(this.inputs));
    }

    /** An error with sensitive values masked. */
    error(message: string): Error {
        return new Error(redactText(message, this.secrets()));
    }

    /** An expected refusal, masked the same way (printed once, without a stack trace). */
    refusal(message: string): Error {
        return new Refusal(redactText(message, this.secrets()));
    }
}
