/**
 * The plugin's functions (invokes): the policies the `@pulumi/aws` components build, for YAML,
 * Python and Go programs that create the data access role and the keys with their own AWS
 * provider. Each returns `{ json, document }` from the same builder the components use.
 *
 * A missing `scope.partition` means `aws` and a missing `scope.dnsSuffix` the partition's.
 * @module
 */
import {
    buildDataAccessPolicy,
    buildDomainKeyPolicy,
    buildOutputKeyPolicy,
    buildTrustPolicy,
    dnsSuffixForPartition,
    PolicyDocument,
} from "../components/policies";
import { FUNCTIONS } from "./catalog";

const BUILDERS: Record<string, (input: any) => PolicyDocument> = {
    buildTrustPolicy,
    buildDataAccessPolicy,
    buildOutputKeyPolicy,
    buildDomainKeyPolicy,
};

/** The members of `scope` (the schema's `AwsScope`). */
const SCOPE_KEYS = ["partition", "accountId", "region", "dnsSuffix"];

/**
 * Runs the function `token` on plain `args`. A `scope` member the function does not know
 * (`account_id`: Python SDKs send dict keys of function arguments as written) or one it needs
 * but lacks is an error naming it, never a policy with `undefined` in it.
 */
export function invoke(token: string, args: Record<string, any>): { json: string; document: PolicyDocument } {
    const f = FUNCTIONS.find((x) => x.token === token);
    if (!f)
        throw new Error(`unknown function ${token}; this plugin serves ${FUNCTIONS.map((x) => x.token).join(", ")}`);
    const name = token.split(":").pop();
    const scope = { ...(args.scope ?? {}) };
    for (const k of Object.keys(scope)) {
        if (!SCOPE_KEYS.includes(k))
            throw new Error(
                `${name}: scope.${k} is not an input; scope takes ${SCOPE_KEYS.join(", ")} (in Python, pass voiceid.AwsScope(...) rather than a dict)`,
            );
    }
    scope.partition ??= "aws";
    scope.dnsSuffix ??= dnsSuffixForPartition(scope.partition);
    const document = BUILDERS[f.builder]({ ...args, scope });
    const json = JSON.stringify(document);
    if (json.includes("undefined")) {
        const missing = SCOPE_KEYS.filter((k) => scope[k] === undefined).map((k) => `scope.${k}`);
        throw new Error(`${name}: ${missing.join(", ") || "an input"} is required for this policy`);
    }
    return { json, document };
}
