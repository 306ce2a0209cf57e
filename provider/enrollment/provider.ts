/**
 * The implementation of the SpeakerEnrollmentJob dynamic provider: the batch-job core
 * (`batchJob/provider.ts`) configured with the enrollment kind (`kind.ts`). Loaded by the dynamic
 * provider host as `pulumi-voiceid/provider/enrollment/provider` (a path state records).
 * @module
 */
import { batchJobProvider } from "../batchJob/provider";
import { speakerEnrollment } from "./kind";

export { runtime } from "../batchJob/runtime";

const provider = batchJobProvider(speakerEnrollment);

export const { check, diff, create, read, update } = provider;
const deleteJob = provider.delete;
export { deleteJob as delete };
