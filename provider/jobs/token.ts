/**
 * The public subpath `pulumi-voiceid/provider/jobs/token` (the packaging tests pin it): the
 * registration job's default ClientToken. Its home is `kind.ts`; what it hashes and why,
 * `batchJob/definition.ts`.
 * @module
 */
export { deriveClientToken } from "./kind";
