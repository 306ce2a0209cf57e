/**
 * The native plugin's schema is generated from the declarations the TypeScript classes are
 * documented with; these tests fail when the schema and the property lists the providers
 * validate with disagree, or when the built schema is stale.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { generateSchema } from "../../../scripts/native-schema";
import { INTERNAL_INPUTS, RESOURCES } from "../../../provider/native/catalog";
import { KNOWN_INPUTS as DOMAIN_INPUTS } from "../../../provider/domain/validate";
import { KNOWN_INPUTS as WATCHLIST_INPUTS } from "../../../provider/watchlist/validate";
import { PROPERTIES as JOB_PROPERTIES } from "../../../provider/jobs/properties";
import { PROPERTIES as ENROLLMENT_PROPERTIES } from "../../../provider/enrollment/properties";
import { repoRoot } from "../../support/repo";

const schema = generateSchema(repoRoot);
const known: Record<string, readonly string[]> = {
    "voiceid:index:VoiceIdDomain": DOMAIN_INPUTS,
    "voiceid:index:VoiceIdWatchlist": WATCHLIST_INPUTS,
    "voiceid:index:FraudsterRegistrationJob": JOB_PROPERTIES.knownInputs,
    "voiceid:index:SpeakerEnrollmentJob": ENROLLMENT_PROPERTIES.knownInputs,
};
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("native plugin schema", () => {
    it("serves the four resources", () => {
        assert.deepStrictEqual(sorted(Object.keys(schema.resources)), sorted(RESOURCES.map((r) => r.token)));
    });

    for (const r of RESOURCES) {
        it(`${r.token}: inputs are exactly the provider's known inputs, each documented`, () => {
            const inputs = schema.resources[r.token].inputProperties;
            const expected = known[r.token].filter((k) => !(INTERNAL_INPUTS as readonly string[]).includes(k));
            assert.deepStrictEqual(sorted(Object.keys(inputs)), sorted(expected));
            for (const [k, p] of Object.entries<any>(inputs)) assert.ok(p.description, `${r.token}.${k} has no doc`);
        });

        it(`${r.token}: outputs hold every input, no internal key, secret outputs marked`, () => {
            const outputs = schema.resources[r.token].properties;
            for (const k of Object.keys(schema.resources[r.token].inputProperties))
                assert.ok(outputs[k], `${k} is not an output`);
            for (const k of INTERNAL_INPUTS) assert.ok(!outputs[k], `${k} leaked into the schema`);
            for (const k of r.secretOutputs) assert.strictEqual(outputs[k]?.secret, true, `${k} is not secret`);
            for (const [k, p] of Object.entries<any>(outputs))
                assert.ok(p.description, `${r.token} output ${k} has no doc`);
        });
    }

    it("job outputs are the outputs the resource classes declare", () => {
        for (const [token, props] of [
            ["voiceid:index:FraudsterRegistrationJob", JOB_PROPERTIES],
            ["voiceid:index:SpeakerEnrollmentJob", ENROLLMENT_PROPERTIES],
        ] as const) {
            const outputs = Object.keys(schema.resources[token].properties);
            for (const k of props.outputNames)
                assert.ok(outputs.includes(k), `${token}: ${k} declared by the class, missing in the schema`);
        }
    });

    it("docs come from the declarations (one source)", () => {
        const threshold =
            schema.types["voiceid:index:RegistrationConfig"].properties.fraudsterSimilarityThreshold.description;
        assert.match(threshold, /Similarity \(0-100\)/);
        assert.match(
            schema.resources["voiceid:index:FraudsterRegistrationJob"].description,
            /batch fraudster registration job/,
        );
        assert.match(schema.functions["voiceid:index:getTrustPolicy"].description, /confused deputy/);
    });

    it("a named union of string literals is an enum type, so the SDKs' types reject a misspelled value", () => {
        assert.deepStrictEqual(schema.types["voiceid:index:DuplicateRegistrationAction"].enum, [
            { name: "Skip", value: "SKIP" },
            { name: "RegisterAsNew", value: "REGISTER_AS_NEW" },
        ]);
        const config = schema.types["voiceid:index:RegistrationConfig"].properties.duplicateRegistrationAction;
        assert.strictEqual(config.$ref, "#/types/voiceid:index:DuplicateRegistrationAction");
        assert.match(config.description, /SKIP/);
    });

    it("declares no inline object type (Pulumi reads one as a map of strings)", () => {
        const inline: string[] = [];
        const walk = (x: any, where: string) => {
            if (!x || typeof x !== "object") return;
            if (x.type === "object" && x.properties && !/^types\/[^/]+$/.test(where)) inline.push(where);
            for (const [k, v] of Object.entries(x)) walk(v, where ? `${where}/${k}` : k);
        };
        walk(schema, "");
        assert.deepStrictEqual(inline, []);
        assert.strictEqual(
            schema.resources["voiceid:index:FraudsterRegistrationJob"].properties.registrationConfig.$ref,
            "#/types/voiceid:index:RegistrationConfig",
        );
    });

    it("every type reference resolves", () => {
        const text = JSON.stringify(schema);
        for (const m of text.matchAll(/"#\/types\/([^"]+)"/g)) assert.ok(schema.types[m[1]], `unresolved ${m[1]}`);
    });

    it("the built schema beside the plugin is current (`npm run build`)", () => {
        const built = path.join(repoRoot, "bin", "provider", "native", "schema.json");
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(built, "utf8")), schema);
    });
});
