/**
 * The package entry (`pulumi-voiceid`, provider/index.ts) exports the public API and nothing
 * else: what shows in users' autocomplete is a promise. Internals stay reachable by subpath
 * (`pulumi-voiceid/provider/...`) for tests and advanced use.
 * @module
 */
import * as assert from "assert";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../support/repo";

/** Values the entry exports at runtime. */
const PUBLIC_VALUES = [
    "FraudsterRegistrationJob",
    "FraudsterRegistrationManifest",
    "InputValidationError",
    "SpeakerEnrollmentJob",
    "SpeakerEnrollmentManifest",
    "VoiceIdDataAccessRole",
    "VoiceIdDomain",
    "VoiceIdDomainKey",
    "VoiceIdOutputKey",
    "VoiceIdWatchlist",
    "Watchlist",
    "buildDataAccessPolicy",
    "buildDomainKeyPolicy",
    "buildOutputKeyPolicy",
    "buildTrustPolicy",
];

/** Types only (interfaces and type aliases). */
const PUBLIC_TYPES = [
    "AwsScope",
    "AwsScopeArgs",
    "DataAccessPolicyInput",
    "DomainKeyPolicyInput",
    "DomainStatus",
    "DuplicateRegistrationAction",
    "Failure",
    "FailureDetails",
    "FraudsterAudioSpecification",
    "FraudsterRegistrationJobArgs",
    "FraudsterRegistrationManifestArgs",
    "FraudsterRegistrationRequest",
    "GetOptions",
    "InputDataConfigArgs",
    "JobResults",
    "JobStatus",
    "KeyAdministrationInput",
    "KmsKeyOptionsArgs",
    "OutputDataConfigArgs",
    "OutputKeyPolicyInput",
    "PolicyConditions",
    "PolicyDocument",
    "PolicyStatement",
    "Registration",
    "RegistrationConfigArgs",
    "RegistrationError",
    "ServerSideEncryptionConfigurationArgs",
    "TrustPolicyInput",
    "VoiceIdDataAccessRoleArgs",
    "VoiceIdDomainArgs",
    "VoiceIdDomainKeyArgs",
    "VoiceIdOutputKeyArgs",
    "VoiceIdWatchlistArgs",
    "WatchlistArgs",
    "SpeakerEnrollmentJobArgs",
    "EnrollmentConfigArgs",
    "FraudDetectionConfigArgs",
    "ExistingEnrollmentAction",
    "FraudDetectionAction",
    "Enrollment",
    "EnrollmentError",
    "EnrollmentResults",
    "SpeakerEnrollmentManifestArgs",
    "SpeakerEnrollmentRequest",
];

/** What must never be in the entry (the list of internals that showed in autocomplete). */
const INTERNALS = [
    "JobInputs",
    "JobScope",
    "PROVIDER_MODULE",
    "validateJobInputs",
    "validateDomainInputs",
    "validateWatchlistInputs",
    "deriveClientToken",
];

describe("the package entry exports only the public API", function () {
    this.timeout(120_000);

    it("at runtime: exactly the public values, the components loaded lazily", () => {
        const entry = path.join(repoRoot, "bin", "provider", "index.js");
        const before = new Set(Object.keys(require.cache));
        const api = require(entry);
        assert.deepStrictEqual(Object.keys(api).sort(), [...PUBLIC_VALUES].sort());
        const loaded = Object.keys(require.cache).filter((f) => !before.has(f));
        // Reading the keys does not load the components (nor @pulumi/aws); using one does.
        assert.ok(
            !loaded.some((f) => f.includes(`${path.sep}@pulumi${path.sep}aws${path.sep}`)),
            "the entry loaded @pulumi/aws",
        );
        assert.strictEqual(typeof api.VoiceIdOutputKey, "function");
        assert.strictEqual(api.Watchlist, api.VoiceIdWatchlist, "Watchlist is the deprecated name of VoiceIdWatchlist");
    });

    it("in the declarations: exactly the public values and types", () => {
        const file = path.join(repoRoot, "provider", "index.ts");
        const program = ts.createProgram([file], {
            module: ts.ModuleKind.CommonJS,
            moduleResolution: ts.ModuleResolutionKind.Node10,
            strict: true,
            noEmit: true,
            types: ["node"],
        });
        const checker = program.getTypeChecker();
        const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
        const names = checker
            .getExportsOfModule(symbol)
            .map((s) => s.name)
            .sort();
        assert.deepStrictEqual(names, [...new Set([...PUBLIC_VALUES, ...PUBLIC_TYPES])].sort());
        for (const internal of INTERNALS)
            assert.ok(!names.includes(internal), `${internal} is exported from the entry`);
    });

    it("internals stay reachable by subpath", () => {
        const bin = path.join(repoRoot, "bin", "provider");
        assert.strictEqual(typeof require(path.join(bin, "jobs", "token")).deriveClientToken, "function");
        assert.strictEqual(typeof require(path.join(bin, "jobs", "validate")).validateJobInputs, "function");
        assert.strictEqual(
            require(path.join(bin, "jobs", "resource")).PROVIDER_MODULE,
            "pulumi-voiceid/provider/jobs/provider",
        );
    });
});
