/**
 * What the native plugin serves, as data: for each type token, where its public declarations
 * live (the same `args.ts` interfaces and resource class the TypeScript SDK documents), which
 * outputs are secret whatever the inputs, and whether a missing `name` defaults to the logical
 * name. The schema generator (`scripts/native-schema.ts`) reads the declarations named here, so
 * property names and docs are written once; the host (`host.ts`) reads the rest.
 *
 * Data-only: loading it loads no provider module.
 * @module
 */

/** The package name: the first part of every type token, and the plugin's name. */
export const PACKAGE = "voiceid";

/** One resource the plugin serves. */
export interface CatalogResource {
    /** `voiceid:index:<Name>`. */
    token: string;
    /** The dynamic class's type name (its `pulumi-nodejs:dynamic/voiceid:<Name>` token). */
    dynamicName: string;
    /** Files (from the repository root) and interfaces the schema is generated from. */
    declarations: {
        /** The resource class: its doc comment describes the resource. */
        classFile: string;
        className: string;
        /** The program-facing arguments: the schema's input properties. */
        argsFile: string;
        argsInterface: string;
        /** What the provider records: the schema's output properties (docs fall back to the args'). */
        outputsInterface: string;
    };
    /** Outputs secret whatever the inputs (the resource class's `additionalSecretOutputs`). */
    secretOutputs: readonly string[];
    /** The resource class fills an absent `name` with `defaultName(<logical name>)`. */
    defaultsName: boolean;
    /** The resource id's form, for `pulumi import` (docs). */
    idForm: string;
}

export const RESOURCES: readonly CatalogResource[] = [
    {
        token: `${PACKAGE}:index:VoiceIdDomain`,
        dynamicName: "VoiceIdDomain",
        declarations: {
            classFile: "provider/domain/resource.ts",
            className: "VoiceIdDomain",
            argsFile: "provider/domain/args.ts",
            argsInterface: "VoiceIdDomainArgs",
            outputsInterface: "DomainOutputs",
        },
        secretOutputs: [],
        defaultsName: true,
        idForm: "<domainId>",
    },
    {
        token: `${PACKAGE}:index:VoiceIdWatchlist`,
        dynamicName: "Watchlist",
        declarations: {
            classFile: "provider/watchlist/resource.ts",
            className: "VoiceIdWatchlist",
            argsFile: "provider/watchlist/args.ts",
            argsInterface: "VoiceIdWatchlistArgs",
            outputsInterface: "WatchlistOutputs",
        },
        secretOutputs: [],
        defaultsName: true,
        idForm: "<domainId>/<watchlistId>",
    },
    {
        token: `${PACKAGE}:index:FraudsterRegistrationJob`,
        dynamicName: "FraudsterRegistrationJob",
        declarations: {
            classFile: "provider/jobs/resource.ts",
            className: "FraudsterRegistrationJob",
            argsFile: "provider/jobs/args.ts",
            argsInterface: "FraudsterRegistrationJobArgs",
            outputsInterface: "JobOutputs",
        },
        secretOutputs: ["registrations"],
        defaultsName: false,
        idForm: "<domainId>/<jobId>",
    },
    {
        token: `${PACKAGE}:index:SpeakerEnrollmentJob`,
        dynamicName: "SpeakerEnrollmentJob",
        declarations: {
            classFile: "provider/enrollment/resource.ts",
            className: "SpeakerEnrollmentJob",
            argsFile: "provider/enrollment/args.ts",
            argsInterface: "SpeakerEnrollmentJobArgs",
            outputsInterface: "EnrollmentOutputs",
        },
        secretOutputs: ["enrollments"],
        defaultsName: false,
        idForm: "<domainId>/<jobId>",
    },
];

/** Inputs the resource classes add themselves: never in the schema, never in generated code. */
export const INTERNAL_INPUTS = ["scope", "importId"] as const;

/** The resource of a type token. */
export function resourceOf(token: string): CatalogResource | undefined {
    return RESOURCES.find((r) => r.token === token);
}

/** One function (invoke): a policy builder of `provider/components/policies.ts`. */
export interface CatalogFunction {
    /** `voiceid:index:<name>`. */
    token: string;
    /** The builder's name in `policies.ts` (its doc comment describes the function). */
    builder: "buildTrustPolicy" | "buildDataAccessPolicy" | "buildOutputKeyPolicy" | "buildDomainKeyPolicy";
    /** Its input interface in `policies.ts`: the function's inputs. */
    inputInterface: string;
}

/** The policies the `@pulumi/aws` components build, for programs that create the role and keys themselves. */
export const FUNCTIONS: readonly CatalogFunction[] = [
    { token: `${PACKAGE}:index:getTrustPolicy`, builder: "buildTrustPolicy", inputInterface: "TrustPolicyInput" },
    {
        token: `${PACKAGE}:index:getDataAccessPolicy`,
        builder: "buildDataAccessPolicy",
        inputInterface: "DataAccessPolicyInput",
    },
    {
        token: `${PACKAGE}:index:getOutputKeyPolicy`,
        builder: "buildOutputKeyPolicy",
        inputInterface: "OutputKeyPolicyInput",
    },
    {
        token: `${PACKAGE}:index:getDomainKeyPolicy`,
        builder: "buildDomainKeyPolicy",
        inputInterface: "DomainKeyPolicyInput",
    },
];

/** Where the policy builders and their input interfaces are declared. */
export const POLICIES_FILE = "provider/components/policies.ts";
