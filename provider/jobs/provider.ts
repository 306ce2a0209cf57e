/**
 * The implementation of the FraudsterRegistrationJob dynamic provider: `check`, `diff`,
 * `create`, `read`, `update`, `delete`, i.e. the batch-job core (`batchJob/provider.ts`)
 * configured with the registration kind (`kind.ts`).
 *
 * This module is never serialized. The provider object stored in state only holds
 * `require("pulumi-voiceid/provider/jobs/provider")` calls (see `shared/lazyProvider.ts`); the
 * dynamic provider host loads this module from the program's `node_modules` at call time, so
 * this path must keep exporting the provider functions (a state-bound name).
 * @module
 */
import { batchJobProvider } from "../batchJob/provider";
import { fraudsterRegistration } from "./kind";

export { runtime } from "../batchJob/runtime";

const provider = batchJobProvider(fraudsterRegistration);

export const { check, diff, create, read, update } = provider;
const deleteJob = provider.delete;
export { deleteJob as delete };
