/**
 * The batch job kinds the runner knows, by the name the store records for each job.
 * @module
 */
import type { JobKindName } from "../../store";
import type { JobKind } from "../kind";
import { registration } from "./registration";
import { enrollment } from "./enrollment";

/** Every batch job kind, by the name stored in the jobs table's kind column. */
export const JOB_KINDS: Record<JobKindName, JobKind> = {
    FRAUDSTER_REGISTRATION: registration,
    SPEAKER_ENROLLMENT: enrollment,
};
