/**
 * Collecting a finished job's results: its output file read with the caller's credentials and
 * parsed by the kind. A denied, missing or unreadable file is a warning and empty results (with
 * `resultsStatus` saying why), never a failure: the job's outcome stands.
 * @module
 */
import { classifyError, errorSummary } from "../shared/errors";
import { parseS3Uri } from "../shared/s3Uri";
import { JobView, readS3Text } from "./api";
import type { BaseJobOutputs } from "./args";
import type { Inputs, JobContext } from "./context";
import { outputFileUri } from "./results";

/** What a read of the output file gives: the result outputs, plus what destroy and the log need. */
export type ResultsRead = Record<string, unknown> & {
    outputFileS3Uri: string;
    resultsStatus: NonNullable<BaseJobOutputs["resultsStatus"]>;
    /** Ids of what the job newly created (never recorded in state). */
    createdIds: string[];
    summary?: string;
    errorCount?: number;
};

/** Reads and parses the output file; a denied or missing file is a warning (unless `quiet`), not a failure. */
export async function readResults(
    ctx: JobContext,
    inputs: Inputs,
    job: Pick<JobView, "jobId">,
    quiet = false,
): Promise<ResultsRead> {
    const uri = outputFileUri(inputs.outputDataConfig.s3Uri, job.jobId, inputs.inputDataConfig.s3Uri);
    const { bucket, key } = parseS3Uri(uri);
    const base = { outputFileS3Uri: uri };
    try {
        const text = await readS3Text(ctx.companion("S3"), bucket, key, ctx.retryOptions(ctx.resultsDeadline()));
        const parsed = ctx.kind.parseOutput(text);
        return {
            ...base,
            ...parsed.results,
            resultsStatus: "read",
            createdIds: parsed.createdIds,
            summary: parsed.summary,
            errorCount: parsed.errorCount,
        };
    } catch (err) {
        const errorKind = classifyError(err);
        const status = errorKind === "denied" ? "denied" : errorKind === "notFound" ? "missing" : "unreadable";
        if (!quiet) ctx.log.warn(`cannot read the output file ${uri} (${errorSummary(err)}); results are left empty`);
        return { ...base, ...ctx.kind.emptyResults(), createdIds: [], resultsStatus: status };
    }
}

/** The result outputs of a read (without the ids destroy needs and the log line). */
export function resultOutputs({ createdIds: _ids, summary: _s, ...results }: ResultsRead): Record<string, unknown> {
    return results;
}
