/**
 * The one home of what a batch job's status means. Voice ID's two batch jobs (fraudster
 * registration, speaker enrollment) share the vocabulary; every decision about "still running",
 * "ended", "ended well" is made here.
 * @module
 */

/** Status of a Voice ID batch job as the service reports it. */
export type JobStatus = "SUBMITTED" | "IN_PROGRESS" | "COMPLETED" | "COMPLETED_WITH_ERRORS" | "FAILED";

/** Statuses a job can still leave. */
export const RUNNING_STATUSES: readonly string[] = ["SUBMITTED", "IN_PROGRESS"];

/** Statuses a job never leaves. */
export const TERMINAL_STATUSES: readonly string[] = ["COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"];

/** The job can still change (it holds a job slot). */
export const isRunning = (s: string | undefined): boolean => s !== undefined && RUNNING_STATUSES.includes(s);

/** The job has ended, well or not (the waiter's acceptor). */
export const isTerminal = (s: string | undefined): boolean => s !== undefined && TERMINAL_STATUSES.includes(s);

/** The job ended and wrote an output file worth reading. */
export const isSuccess = (s: string | undefined): boolean => s === "COMPLETED" || s === "COMPLETED_WITH_ERRORS";
