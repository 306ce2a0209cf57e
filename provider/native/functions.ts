/**
 * The plugin's functions (invokes): the policies the `@pulumi/aws` components build, for YAML,
 * Python and Go programs that create the data access role and the keys with their own AWS
 * provider. Each returns `{ json, document }` from the same builder the components use.
 *
 * A missing `scope.partition` means `aws` and a missing `scope.dnsSuffix` the partition's.
 * @module
 */
import { buildDataAccessPolicy, buildDomainKeyPolicy, buildOutputKeyPolicy, buildTrustPolicy, dnsSuffixForPartition, PolicyDocument } from "../components/policies";
import { FUNCTIONS } from "./catalog";

const BUILDERS: Record<string, (input: any) => PolicyDocument> = {
    buildTrustPolicy,
    buildDataAccessPolicy,
    buildOutputKeyPolicy,
    buildDomainKeyPolicy,
};

/** Runs the function `token` on plain `args`. */
export function invoke(token: string, args: Record<string, any>): { json: string; document: PolicyDocument } {
    const f = FUNCTIONS.find((x) => x.token === token);
    if (!f) throw new Error(`unknown function ${token}; this plugin serves ${FUNCTIONS.map((x) => x.token).join(", ")}`);
    const scope = { ...(args.scope ?? {}) };
    scope.partition ??= "aws";
    scope.dnsSuffix ??= dnsSuffixForPartition(scope.partition);
    const document = BUILDERS[f.builder]({ ...args, scope });
    return { json: JSON.stringify(document), document };
}
