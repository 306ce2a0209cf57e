/**
 * FraudsterRegistrationJob: Voice ID batch fraudster registration as a Pulumi resource.
 * @module
 */
export { FraudsterRegistrationJob, PROVIDER_MODULE } from "./resource";
export * from "./args";
export { validateJobInputs } from "./validate";
export { deriveClientToken } from "./token";
export { parseOutputFile, outputFileUri } from "./results";
