/**
 * Analyze, AnalyzeStack and Remediate: each policy run on what the engine sent, as
 * `@pulumi/policy` 1.21's server runs it (server.js), with the same answers:
 *
 * - a policy runs at its configured level, else its own, else the pack's; `disabled` skips it,
 *   `remediate` reports as `mandatory`;
 * - a validation gets fresh properties for each run (the unknown-checking proxy over the decoded
 *   inputs), `urn`, `name`, `type`, options, provider, stack tags, `getConfig`, `isType`,
 *   `asType` and `notApplicable`;
 * - `reportViolation(message, urn?)` adds a diagnostic whose message is the policy's description
 *   and the text on the next line; the object form (`{message, urn, enforcementLevel, ...}`) is
 *   taken as given;
 * - reading an unknown value (a preview) ends that validation with an advisory diagnostic
 *   "can't run policy ... during preview: ..."; `notApplicable(reason)` lists the policy as not
 *   applicable; any other error fails the call, naming the policy and the pack.
 * @module
 */
import type {
    EnforcementLevel,
    Policy,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { UnknownValueError } from "../unknowns";
import { AnalyzerPack, isResourcePolicy, isStackPolicy, pulumiTypeOf } from "./definition";
import { levelToProto, severityToProto } from "./levels";
import { propertiesOf } from "./properties";
import { analyzer, analyzerpb } from "./proto";
import { isTypeOf, NotApplicableError, providerOf, resourceOptionsOf, throwNotApplicable } from "./resourceArgs";
import { PackState } from "./state";

/** One violation, before it is encoded. */
interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn?: string;
    severity?: string;
}

/** The error a failed call returns: the context, then the error's stack (gRPC would drop it), as `@pulumi/policy` words it. */
export function asGrpcError(e: unknown, message?: string): Error {
    const prefix = message ? `${message}:\n` : "";
    return new Error(`${prefix}${e instanceof Error ? e.stack : e}`);
}

/** The analyses of one served pack. */
export class Analysis {
    private readonly policies: Policy[];

    constructor(
        private readonly pack: AnalyzerPack,
        private readonly state: PackState,
    ) {
        this.policies = pack.args.policies ?? [];
    }

    /** Analyze: every resource policy on one resource's inputs. */
    async analyze(req: analyzer.AnalyzeRequest): Promise<analyzer.AnalyzeResponse> {
        const type = req.getType();
        const ds: Diagnostic[] = [];
        const notApplicable: analyzer.PolicyNotApplicable[] = [];
        for (const p of this.policies) {
            let level = this.state.levelOf(p);
            if (level === "disabled" || !isResourcePolicy(p)) continue;
            if (!p.validateResource) {
                notApplicable.push(notApplicableEntry(p.name, "Policy does not implement validateResource"));
                continue;
            }
            // A remediation that still leaves a violation reports it as mandatory.
            if (level === "remediate") level = "mandatory";
            if (!Array.isArray(p.validateResource)) {
                const pulumiType = pulumiTypeOf(p.validateResource);
                if (pulumiType && type !== pulumiType) {
                    notApplicable.push(
                        notApplicableEntry(p.name, `Policy only applies to resources of type '${pulumiType}'`),
                    );
                    continue;
                }
            }
            const report = this.reporter(p, level, ds);
            const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
            for (const validation of validations) {
                try {
                    const props = propertiesOf(req.getProperties(), "AnalyzeRequest.properties");
                    const args: ResourceValidationArgs = {
                        type,
                        props,
                        urn: req.getUrn(),
                        name: req.getName(),
                        opts: resourceOptionsOf(req),
                        stackTags: this.state.stackTags,
                        isType: (resourceClass) => isTypeOf(type, resourceClass),
                        asType: ((resourceClass: unknown) =>
                            isTypeOf(type, resourceClass) ? props : undefined) as ResourceValidationArgs["asType"],
                        getConfig: this.state.getConfigOf(p.name),
                        notApplicable: throwNotApplicable,
                    };
                    const provider = providerOf(req);
                    if (provider) args.provider = provider;
                    await validation(args, report);
                } catch (e) {
                    this.caught(e, p, ds, notApplicable);
                }
            }
        }
        return analyzeResponse(ds, notApplicable);
    }

    /** AnalyzeStack: every stack policy on all the stack's resources (their outputs, at the end). */
    async analyzeStack(req: analyzer.AnalyzeStackRequest): Promise<analyzer.AnalyzeResponse> {
        const resources = req.getResourcesList();
        const ds: Diagnostic[] = [];
        const notApplicable: analyzer.PolicyNotApplicable[] = [];
        for (const p of this.policies) {
            let level = this.state.levelOf(p);
            if (level === "disabled" || !isStackPolicy(p)) continue;
            // Stack policies cannot be remediated.
            if (level === "remediate") level = "mandatory";
            const pulumiType = pulumiTypeOf(p.validateStack);
            if (pulumiType && !resources.some((r) => r.getType() === pulumiType)) {
                notApplicable.push(
                    notApplicableEntry(p.name, `Policy only applies to resources of type '${pulumiType}'`),
                );
                continue;
            }
            const report = this.reporter(p, level, ds);
            try {
                const args: StackValidationArgs = {
                    resources: stackResources(resources),
                    getConfig: this.state.getConfigOf(p.name),
                    stackTags: this.state.stackTags,
                    notApplicable: throwNotApplicable,
                };
                await p.validateStack(args, report);
            } catch (e) {
                this.caught(e, p, ds, notApplicable);
            }
        }
        return analyzeResponse(ds, notApplicable);
    }

    /**
     * Remediate: the pack has no remediations (the host refuses them at start), so nothing changes;
     * a policy configured at level `remediate` is listed as not applicable, as `@pulumi/policy`
     * lists a validation-only policy.
     */
    async remediate(req: analyzer.AnalyzeRequest): Promise<analyzer.RemediateResponse> {
        resourceOptionsOf(req); // the same refusal as Analyze for a CLI that sends no options
        const resp = new analyzerpb.RemediateResponse();
        const notApplicable: analyzer.PolicyNotApplicable[] = [];
        for (const p of this.policies) {
            if (this.state.levelOf(p) !== "remediate" || !isResourcePolicy(p)) continue;
            notApplicable.push(notApplicableEntry(p.name, "Policy does not implement remediateResource"));
        }
        resp.setRemediationsList([]);
        if (notApplicable.length) resp.setNotApplicableList(notApplicable);
        return resp;
    }

    /** `reportViolation` of one policy run. */
    private reporter(p: Policy, level: EnforcementLevel, ds: Diagnostic[]): ReportViolation {
        const { name, version } = this.pack;
        return ((message: unknown, urn?: string) => {
            if (typeof message === "object" && message !== null) {
                const info = message as Partial<Diagnostic> & { name?: string };
                ds.push({
                    policyName: info.name || p.name,
                    policyPackName: name,
                    policyPackVersion: version,
                    message: info.message || info.description || p.description,
                    urn: info.urn,
                    description: info.description || p.description,
                    enforcementLevel: info.enforcementLevel || level,
                    severity: info.severity || p.severity,
                });
            } else {
                ds.push({
                    policyName: p.name,
                    policyPackName: name,
                    policyPackVersion: version,
                    message: message ? `${p.description}\n${message}` : p.description,
                    urn,
                    description: p.description,
                    enforcementLevel: level,
                    severity: p.severity,
                });
            }
        }) as ReportViolation;
    }

    /** What an error thrown by a validation means: a preview's unknown value, not applicable, or a failure. */
    private caught(e: unknown, p: Policy, ds: Diagnostic[], notApplicable: analyzer.PolicyNotApplicable[]): void {
        const policyFrom = `policy '${p.name}' from policy pack '${this.pack.name}@v${this.pack.version}'`;
        if (e instanceof UnknownValueError) {
            ds.push({
                policyName: p.name,
                policyPackName: this.pack.name,
                policyPackVersion: this.pack.version,
                message: `can't run ${policyFrom} during preview: ${e.message}`,
                description: p.description,
                enforcementLevel: "advisory",
                severity: p.severity,
            });
        } else if (e instanceof NotApplicableError) {
            notApplicable.push(notApplicableEntry(p.name, e.reason));
        } else {
            throw asGrpcError(e, `Error validating resource with ${policyFrom}`);
        }
    }
}

/** The stack's resources as stack policies see them, parents and dependencies linked by URN. */
function stackResources(resources: analyzer.AnalyzerResource[]): PolicyResource[] {
    const intermediates = resources.map((r) => {
        const type = r.getType();
        const props = propertiesOf(r.getProperties(), "AnalyzerResource.properties");
        const resource: PolicyResource = {
            type,
            props,
            urn: r.getUrn(),
            name: r.getName(),
            opts: resourceOptionsOf(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(type, resourceClass),
            asType: ((resourceClass: unknown) =>
                isTypeOf(type, resourceClass) ? props : undefined) as PolicyResource["asType"],
        };
        const provider = providerOf(r);
        if (provider) resource.provider = provider;
        const propertyDependencies: Record<string, string[]> = {};
        r.getPropertydependenciesMap()?.forEach((v: analyzer.AnalyzerPropertyDependencies, k: string) => {
            propertyDependencies[k] = v.getUrnsList();
        });
        return { resource, parent: r.getParent(), dependencies: r.getDependenciesList(), propertyDependencies };
    });
    const byUrn = new Map(intermediates.map((i) => [i.resource.urn, i.resource]));
    const known = (urns: string[]) => urns.map((u) => byUrn.get(u)).filter((r): r is PolicyResource => !!r);
    for (const i of intermediates) {
        if (i.parent) {
            const parent = byUrn.get(i.parent);
            if (parent) i.resource.parent = parent;
        }
        i.resource.dependencies = known(i.dependencies);
        for (const [k, urns] of Object.entries(i.propertyDependencies))
            i.resource.propertyDependencies[k] = known(urns);
    }
    return intermediates.map((i) => i.resource);
}

function notApplicableEntry(policyName: string, reason: string | undefined): analyzer.PolicyNotApplicable {
    const na = new analyzerpb.PolicyNotApplicable();
    na.setPolicyName(policyName);
    if (reason) na.setReason(reason);
    return na;
}

function analyzeResponse(ds: Diagnostic[], notApplicable: analyzer.PolicyNotApplicable[]): analyzer.AnalyzeResponse {
    const resp = new analyzerpb.AnalyzeResponse();
    resp.setDiagnosticsList(
        ds.map((d) => {
            const diagnostic = new analyzerpb.AnalyzeDiagnostic();
            diagnostic.setPolicyname(d.policyName);
            diagnostic.setPolicypackname(d.policyPackName);
            diagnostic.setPolicypackversion(d.policyPackVersion);
            diagnostic.setDescription(d.description);
            diagnostic.setMessage(d.message);
            diagnostic.setEnforcementlevel(levelToProto(d.enforcementLevel));
            if (d.urn) diagnostic.setUrn(d.urn);
            if (d.severity) diagnostic.setSeverity(severityToProto(d.severity));
            return diagnostic;
        }),
    );
    if (notApplicable.length) resp.setNotApplicableList(notApplicable);
    return resp;
}
