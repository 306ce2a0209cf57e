/**
 * Waiting for a started job and recording how it ended: the adaptive waiter with progress lines,
 * then the outcome. A stop, a timeout, a FAILED job and COMPLETED_WITH_ERRORS under
 * `failOnErrors` throw partial state (`PartialStateError`), so the engine records the job and the
 * next `pulumi up` resumes or replaces it; a finished job's output file is read into the outputs.
 * @module
 */
import { PartialStateError } from "../shared/partial";
import { redactText } from "../shared/redact";
import { howToStop } from "../shared/stop";
import { waitForTerminal } from "../shared/waiter";
import type { JobView } from "./api";
import { readResults, resultOutputs } from "./collect";
import { Inputs, JobContext, Outputs, failureMessage, finish, statusFields } from "./context";
import { runtime } from "./runtime";
import { isTerminal } from "./status";

/**
 * Waits for `initial` to reach a terminal state, then records the outcome. `replacement` says
 * the job replaces a recorded one: a FAILED replacement then fails without partial state, which
 * keeps the engine from marking the old job for deletion.
 */
export async function waitAndCollect(
    ctx: JobContext,
    id: string,
    inputs: Inputs,
    initial: JobView,
    anchor: number,
    outs: Partial<Outputs>,
    replacement = false,
): Promise<Partial<Outputs>> {
    const TYPE = ctx.kind.type;
    let lastLine = { at: ctx.clock.now(), percent: initial.percentComplete ?? 0 };
    const stopping = howToStop();
    if (!isTerminal(initial.status) && stopping) {
        ctx.log.info(
            `waiting for job ${initial.jobId}: ${stopping}; the job keeps running in Voice ID and the next \`pulumi up\` resumes waiting for it`,
        );
    }
    const outcome = await waitForTerminal<JobView & { percentComplete?: number }>({
        describe: () => ctx.api.describe(inputs.domainId, initial.jobId),
        isTerminal: (s) => isTerminal(s),
        anchor,
        deadline: ctx.deadline,
        initial,
        clock: ctx.clock,
        random: runtime.random,
        policy: runtime.pollPolicy,
        signal: ctx.signal,
        onPoll: (job, elapsed) => {
            const p = job.percentComplete ?? 0;
            const now = ctx.clock.now();
            if (
                !isTerminal(job.status) &&
                (p - lastLine.percent >= 25 || now - lastLine.at >= runtime.progressEveryMs)
            ) {
                ctx.log.info(`job ${job.jobId}: ${job.status} ${p}% after ${Math.round(elapsed / 1000)}s`);
                lastLine = { at: now, percent: p };
            }
        },
    });
    const job = outcome.job ?? initial;
    outs = { ...outs, ...statusFields(job) };
    if (outcome.state === "stopped") {
        throw new PartialStateError(
            `${TYPE}: stopped waiting for job ${job.jobId} (${job.status} ${job.percentComplete ?? 0}%): ${outcome.cause.detail}; ` +
                `it keeps running in Voice ID and the next \`pulumi up\` resumes waiting for it`,
            id,
            finish(outs),
        );
    }
    if (outcome.state === "timeout") {
        throw new PartialStateError(
            `${TYPE}: job ${job.jobId} still ${job.status} (${job.percentComplete ?? 0}%) after timeoutSeconds; ` +
                `it keeps running and the next \`pulumi up\` resumes waiting for it`,
            id,
            finish(outs),
        );
    }
    if (job.status === "FAILED") {
        if (replacement) {
            throw ctx.error(
                `${TYPE}: ${failureMessage(job)}. The replaced job stays as it was, with everything it ${ctx.kind.verb}; nothing was deleted. ` +
                    `The failed job is not recorded: the next \`pulumi up\` starts a new one.`,
            );
        }
        throw new PartialStateError(
            redactText(
                `${TYPE}: ${failureMessage(job)}. The job is recorded; the next \`pulumi up\` starts a new one.`,
                ctx.secrets(),
            ),
            id,
            finish(outs),
        );
    }
    const read = await readResults(ctx, inputs, job);
    outs = { ...outs, ...resultOutputs(read) };
    const counts = read.summary ?? "";
    ctx.log.info(`job ${job.jobId} ${job.status}${read.resultsStatus === "read" ? `: ${counts}` : ""}`);
    if (job.status === "COMPLETED_WITH_ERRORS") {
        if (inputs.failOnErrors) {
            throw new PartialStateError(
                redactText(
                    `${TYPE}: job ${job.jobId} COMPLETED_WITH_ERRORS (${counts}) and failOnErrors is set. ` +
                        `Fix the manifest and change triggers (or the inputs) to run a new job, or unset failOnErrors to accept it.`,
                    ctx.secrets(),
                ),
                id,
                finish(outs),
            );
        }
        ctx.log.warn(
            `job ${job.jobId} completed with ${read.errorCount ?? 0} failed request(s); see ${ctx.kind.errorsOutput}`,
        );
    }
    return outs;
}
