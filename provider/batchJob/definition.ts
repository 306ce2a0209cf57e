/**
 * What defines a batch job: the members of its start request, in input shape, derived once here
 * for everything that hashes or compares a job: the default ClientToken, the import check
 * (declared against the job's) and refresh (the job's values into the outputs).
 *
 * The default ClientToken is deterministic, so an interrupted `pulumi up` adopts its job. It
 * hashes everything that identifies "this run of this resource": project, stack, resource name,
 * the job definition, `triggers`, the region/endpoint given as inputs or stack config, and a
 * generation number. Why a generation: Voice ID returns the existing job for a token it has
 * seen, so re-running a FAILED job under the same token would only give back the same FAILED
 * job. `create` therefore walks generations 0, 1, 2...: a token whose job is FAILED is spent and
 * the next generation is tried, the first token that starts a new job (or finds a live or
 * completed one) wins. The walk needs no stored state, so it is crash-safe: a `pulumi up` killed
 * after starting generation 2 re-walks 0 and 1 (both FAILED) and adopts generation 2. It relies
 * on the service remembering tokens (about 8 hours in the emulator; AWS does not document the
 * window); after the window expires, an identical request starts a fresh job.
 *
 * The hashed bytes are part of every stack's state (a job started by an earlier release must be
 * found again under the same token): `tests/unit/batchJob/tokenBytes.test.ts` pins them.
 * @module
 */
import { prune } from "../shared/data";
import { resourceToken } from "../shared/idempotency";
import { containsUnknown } from "../shared/validation";
import type { ImportMismatch } from "../shared/importing";
import type { BaseJobInputs } from "./args";

/** What holds a job's definition in input shape: the inputs, or a described job (`JobView`). */
export type DefinitionSource = Partial<
    Pick<BaseJobInputs, "domainId" | "dataAccessRoleArn" | "inputDataConfig" | "outputDataConfig" | "jobName">
>;

/**
 * The job's definition: the start request's members from `source`, with `config` as the kind's
 * block under its input name (`registrationConfig`, `enrollmentConfig`); undefined members dropped.
 */
export function jobDefinition(source: DefinitionSource, configInput: string, config: unknown): Record<string, unknown> {
    const input = source.inputDataConfig;
    const output = source.outputDataConfig;
    return prune({
        domainId: source.domainId,
        dataAccessRoleArn: source.dataAccessRoleArn,
        inputDataConfig: input && { s3Uri: input.s3Uri },
        outputDataConfig: output && { s3Uri: output.s3Uri, kmsKeyId: output.kmsKeyId },
        [configInput]: config,
        jobName: source.jobName,
    });
}

/**
 * The default ClientToken of a job kind for `generation` (0-based): `pvid-g<generation>-<48 hex>`,
 * at most 64 characters. `derivation` names the kind and version of the scheme: bump it only if
 * the hashed material changes meaning.
 */
export function jobToken(
    derivation: string,
    configInput: string,
    inputs: BaseJobInputs & Record<string, unknown>,
    generation: number,
): string {
    const request = { job: jobDefinition(inputs, configInput, inputs[configInput]), triggers: inputs.triggers ?? [] };
    return resourceToken("pvid", derivation, inputs, request, generation);
}

/** Job-defining members Voice ID's model marks sensitive: compared, never shown. */
const SENSITIVE_MEMBERS = new Set(["jobName"]);

/**
 * Declared members of the definition that differ from the job's, by property path (leaves:
 * scalars and lists), declared => job's. An undeclared member means "any"; a value unknown at
 * preview (another resource's output) is not judged. The domain is not compared: the import id
 * names it.
 */
export function definitionMismatches(
    configInput: string,
    declared: DefinitionSource & Record<string, unknown>,
    job: DefinitionSource & { config?: unknown },
): ImportMismatch[] {
    const { domainId: _domain, ...mine } = jobDefinition(declared, configInput, declared[configInput]);
    const theirs = jobDefinition(job, configInput, job.config);
    return leaves(mine)
        .filter(([, value]) => !containsUnknown(value))
        .map(([path, value]) => ({ path, value, actual: at(theirs, path) }))
        .filter(({ value, actual }) => JSON.stringify(value) !== JSON.stringify(actual))
        .map(({ path, value, actual }) => ({
            property: path.join("."),
            declared: value,
            actual,
            ...(SENSITIVE_MEMBERS.has(path[0]) ? { sensitive: true } : {}),
        }));
}

const isBlock = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** The leaves of a definition (a block's members, recursively) with their paths, in order. */
function leaves(v: Record<string, unknown>, path: string[] = []): [string[], unknown][] {
    return Object.entries(v).flatMap(([k, x]) =>
        isBlock(x) ? leaves(x, [...path, k]) : [[[...path, k], x] as [string[], unknown]],
    );
}

function at(v: unknown, path: string[]): unknown {
    return path.reduce<unknown>((x, k) => (isBlock(x) ? x[k] : undefined), v);
}
