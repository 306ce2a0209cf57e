/**
 * GetAnalyzerInfo's answer: the pack and each policy as the engine lists them (name, description,
 * level, config schema, type...), field for field as `@pulumi/policy` 1.21 fills `AnalyzerInfo`
 * (protoutil.js `makeAnalyzerInfo`). The engine validates `--policy-pack-config` against these
 * schemas and fills their defaults before it calls Configure.
 * @module
 */
import type { EnforcementLevel, PolicyPackConfig } from "@pulumi/policy";
import { AnalyzerPack, DEFAULT_ENFORCEMENT_LEVEL, isResourcePolicy, isStackPolicy } from "./definition";
import { levelToProto, severityToProto } from "./levels";
import { analyzer, analyzerpb, structpb } from "./proto";

/** A pack's `AnalyzerInfo`. */
export function analyzerInfo(pack: AnalyzerPack): analyzer.AnalyzerInfo {
    const { args } = pack;
    const packLevel = args.enforcementLevel || DEFAULT_ENFORCEMENT_LEVEL;
    const ai = new analyzerpb.AnalyzerInfo();
    ai.setName(pack.name);
    ai.setVersion(pack.version);
    ai.setSupportsconfig(true);
    if (args.displayName) ai.setDisplayname(args.displayName);
    if (args.description) ai.setDescription(args.description);
    if (args.readme) ai.setReadme(args.readme);
    if (args.provider) ai.setProvider(args.provider);
    if (args.tags) ai.setTagsList(args.tags);
    if (args.repository) ai.setRepository(args.repository);
    const infos: analyzer.PolicyInfo[] = [];
    for (const policy of args.policies ?? []) {
        const info = new analyzerpb.PolicyInfo();
        if (isResourcePolicy(policy)) info.setPolicyType(analyzerpb.PolicyType.POLICY_TYPE_RESOURCE);
        else if (isStackPolicy(policy)) info.setPolicyType(analyzerpb.PolicyType.POLICY_TYPE_STACK);
        info.setName(policy.name);
        info.setDescription(policy.description);
        info.setEnforcementlevel(levelToProto(policy.enforcementLevel || packLevel));
        if (policy.configSchema) {
            const schema = new analyzerpb.PolicyConfigSchema();
            schema.setProperties(structpb.Struct.fromJavaScript(policy.configSchema.properties as any));
            if (policy.configSchema.required) schema.setRequiredList(policy.configSchema.required);
            info.setConfigschema(schema);
        }
        if (policy.displayName) info.setDisplayname(policy.displayName);
        if (policy.severity) info.setSeverity(severityToProto(policy.severity));
        if (policy.framework) {
            const framework = new analyzerpb.PolicyComplianceFramework();
            if (policy.framework.name) framework.setName(policy.framework.name);
            if (policy.framework.version) framework.setVersion(policy.framework.version);
            if (policy.framework.reference) framework.setReference(policy.framework.reference);
            if (policy.framework.specification) framework.setSpecification(policy.framework.specification);
            info.setFramework(framework);
        }
        if (policy.tags) info.setTagsList(policy.tags);
        if (policy.remediationSteps) info.setRemediationSteps(policy.remediationSteps);
        if (policy.url) info.setUrl(policy.url);
        infos.push(info);
    }
    ai.setPoliciesList(infos);
    if (pack.initialConfig) {
        for (const [key, val] of Object.entries(normalizeConfig(pack.initialConfig))) {
            let config: analyzer.PolicyConfig | undefined;
            if (val.enforcementLevel) {
                config = new analyzerpb.PolicyConfig();
                config.setEnforcementlevel(levelToProto(val.enforcementLevel));
            }
            if (val.properties) {
                config = config || new analyzerpb.PolicyConfig();
                config.setProperties(structpb.Struct.fromJavaScript(val.properties as any));
            }
            if (config) ai.getInitialconfigMap().set(key, config);
        }
    }
    return ai;
}

/** One policy's initial config, split into its level and its other properties. */
interface NormalizedConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

/** `{"rule": "advisory"}` and `{"rule": {enforcementLevel, ...props}}` alike, as `@pulumi/policy` normalizes them. */
export function normalizeConfig(config: PolicyPackConfig): Record<string, NormalizedConfig> {
    const result: Record<string, NormalizedConfig> = {};
    for (const [key, val] of Object.entries(config)) {
        if (typeof val === "string") {
            result[key] = { enforcementLevel: val };
            continue;
        }
        let out: NormalizedConfig | undefined;
        if (val.enforcementLevel) out = { enforcementLevel: val.enforcementLevel };
        const { enforcementLevel: _level, ...properties } = val;
        if (Object.keys(properties).length > 0) {
            out = out || {};
            out.properties = properties;
        }
        if (out) result[key] = out;
    }
    return result;
}
