/**
 * The batch-job core: what Voice ID's batch jobs share, configured per kind (`kind.ts`).
 * @module
 */
export * from "./status";
export * from "./kind";
export * from "./runtime";
export * from "./results";
export * from "./diff";
export * from "./validate";
export { BatchJobApi, JobCommands, definedMembers, jobCommandNames, readS3Text, startRequest, toJobView } from "./api";
export { BatchJobProvider, batchJobProvider, parseResourceId, resourceId } from "./provider";
