/**
 * A policy pack that shows what its policies receive, for holding two analyzer hosts to the same
 * semantics (tests/unit/policy/equivalence.test.ts): each policy reports, as its violation
 * message, what a policy can observe (the arguments, the config, the stack tags, the properties
 * with the classes of assets and archives) or exercises one path of the host (unknown values,
 * `notApplicable`, typed validations, arrays of validations, the object form of
 * `reportViolation`, a validation that throws, async validations, a stack policy).
 * @module
 */
import type { Policies, PolicyPackArgs, PolicyPackConfig, ResourceValidationArgs } from "@pulumi/policy";

/** The resource type a throwing policy fails on. */
export const THROWING_TYPE = "probe:index:Throw";
/** The resource type the typed policy applies to. */
export const TYPED_TYPE = "probe:index:Typed";

/** JSON of a value, naming the class of non-plain objects (assets, archives). */
function describe(value: unknown): string {
    return JSON.stringify(value, (_k, v) =>
        v && typeof v === "object" && !Array.isArray(v) && v.constructor && v.constructor.name !== "Object"
            ? { class: v.constructor.name, ...v }
            : v,
    );
}

/** Everything a resource policy can observe of its arguments. */
function observed(args: ResourceValidationArgs): string {
    class Untyped {
        static isInstance(o: any) {
            return o?.__pulumiType === "probe:index:ByInstance";
        }
    }
    const typed = Object.assign(function Typed() {}, { __pulumiType: TYPED_TYPE });
    return describe({
        type: args.type,
        name: args.name,
        urn: args.urn,
        opts: args.opts,
        provider: args.provider && { ...args.provider, props: args.provider.props },
        props: args.props,
        config: args.getConfig(),
        tags: [...args.stackTags.entries()],
        size: args.stackTags.size,
        isTyped: args.isType(typed as any),
        isByInstance: args.isType(Untyped as any),
        asTyped: args.asType(typed as any) !== undefined,
    });
}

/** The probe's policies: one per path of the host. */
export const PROBE_POLICIES: Policies = [
    {
        name: "probe-args",
        description: "Reports what the policy sees.",
        enforcementLevel: "mandatory",
        severity: "high",
        displayName: "Probe arguments",
        tags: ["probe", "args"],
        url: "https://example.com/probe",
        remediationSteps: "none",
        framework: { name: "probe-fw", version: "1", reference: "ref", specification: "spec" },
        configSchema: {
            properties: { limit: { type: "integer", default: 3 }, names: { type: "array", items: { type: "string" } } },
            required: ["limit"],
        },
        validateResource: (args, report) => report(observed(args)),
    },
    {
        name: "probe-unknown",
        description: "Reads a.b directly, without catching an unknown value.",
        validateResource: (args, report) => {
            if (args.props.a?.b !== undefined) report(`a.b is ${describe(args.props.a.b)}`);
        },
    },
    {
        name: "probe-not-applicable",
        description: "Not applicable to anything but probe:index:Applicable; two validations.",
        enforcementLevel: "advisory",
        validateResource: [
            (args) => {
                if (args.type !== "probe:index:Applicable") args.notApplicable("only probe:index:Applicable");
            },
            (args, report) => {
                if (args.type === "probe:index:Applicable") report("second validation ran");
                else args.notApplicable();
            },
        ],
    },
    {
        name: "probe-typed",
        description: "A validation carrying its type.",
        enforcementLevel: "mandatory",
        validateResource: Object.assign(
            (args: ResourceValidationArgs, report: (m: string) => void) => report(args.name),
            {
                __pulumiType: TYPED_TYPE,
            },
        ),
    },
    {
        name: "probe-object-report",
        description: "Reports in the object form and with a URN.",
        severity: "low",
        validateResource: (args, report) => {
            (report as any)({
                message: `object form on ${args.name}`,
                urn: "urn:pulumi:s::p::probe:index:Other::other",
                enforcementLevel: "advisory",
                severity: "critical",
            });
            (report as any)({ name: "probe-renamed", description: "a description only" });
            report("", args.urn);
            report("with urn", "urn:pulumi:s::p::probe:index:Other::other");
        },
    },
    {
        name: "probe-throws",
        description: "Throws on probe:index:Throw.",
        validateResource: async (args) => {
            await new Promise((r) => setImmediate(r));
            if (args.type === THROWING_TYPE) throw new Error(`boom on ${args.name}`);
        },
    },
    {
        name: "probe-stack",
        description: "Reports the stack's resources, their parents and dependencies.",
        enforcementLevel: "mandatory",
        validateStack: (args, report) => {
            report(
                describe({
                    resources: args.resources.map((r) => ({
                        name: r.name,
                        type: r.type,
                        urn: r.urn,
                        props: r.props,
                        opts: r.opts,
                        provider: r.provider,
                        parent: r.parent?.name,
                        dependencies: r.dependencies.map((d) => d.name),
                        propertyDependencies: Object.fromEntries(
                            Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.name)]),
                        ),
                    })),
                    config: args.getConfig(),
                    tags: [...args.stackTags.keys()],
                }),
            );
        },
    },
    {
        name: "probe-stack-unknown",
        description: "Reads an unknown value in a stack policy.",
        validateStack: (args, report) => {
            for (const r of args.resources) if (r.props.a?.b) report(`${r.name}: a.b set`);
        },
    },
];

/** The probe pack's initial config (GetAnalyzerInfo reports it). */
export const PROBE_INITIAL_CONFIG: PolicyPackConfig = {
    "probe-args": { enforcementLevel: "mandatory", limit: 5 },
    "probe-unknown": "disabled",
    "probe-typed": { names: ["x"] },
};

/** The probe pack's arguments (as given to `new PolicyPack`), every optional field set. */
export const PROBE_ARGS: PolicyPackArgs = {
    policies: PROBE_POLICIES,
    enforcementLevel: "advisory",
    description: "The probe pack.",
    displayName: "Probe",
    readme: "# Probe",
    provider: "probe",
    tags: ["probe"],
    repository: "https://example.com/probe.git",
};
