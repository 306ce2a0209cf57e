import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { minimalJobArgs } from "./corpus";

/**
 * The provider serialized into every resource's state must stay tiny and portable: no SDK, no
 * absolute paths. Captured the way the engine sees it: the `__provider`
 * input of a real FraudsterRegistrationJob registered under Pulumi's mocks.
 */
describe("jobs/serialized provider", () => {
    const registered: Record<string, any>[] = [];
    before(() => {
        pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push({ type: args.type, inputs: args.inputs });
                    return { id: "D".repeat(22) + "/" + "J".repeat(22), state: args.inputs };
                },
                call: () => ({}),
            },
            "proj",
            "stack",
            true,
        );
    });

    it("is under 8 KB, holds no absolute path, and requires the implementation by package name", async function () {
        this.timeout(60_000);
        const { FraudsterRegistrationJob } = await import("../../../provider/jobs/resource");
        const job = new FraudsterRegistrationJob("job", { ...minimalJobArgs(), jobName: "secret-name" });
        await new Promise<void>((resolve) => job.urn.apply(() => resolve()));
        await new Promise((r) => setTimeout(r, 100));
        const reg = registered.find((r) => r.type === "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob");
        assert.ok(reg, `type token; got ${registered.map((r) => r.type)}`);
        const text: string = reg.inputs.__provider;
        const bytes = Buffer.byteLength(text);
        if (process.env.SERIALIZED_REPORT) console.log(`serialized __provider: ${bytes} bytes`);
        assert.ok(bytes < 8 * 1024, `${bytes} bytes`);
        assert.ok(text.includes('require("pulumi-voiceid/provider/shared/engineView").dispatch(modulePath'));
        assert.ok(text.includes('"pulumi-voiceid/provider/jobs/provider"'));
        assert.ok(!/\/(work|home|tmp|Users)\//.test(text), "absolute path in the serialized provider");
        assert.ok(!/client-voice-id|VoiceIDClient|smithy/.test(text), "SDK captured");
        // The scope the provider needs is passed as an input the engine's diff display hides
        // (keys starting with `__`); nothing the program did not write has a plain key.
        // The URN lets provider lines reach the engine on the resource's own row.
        assert.deepStrictEqual(reg.inputs.__scope, {
            project: "proj",
            stack: "stack",
            name: "job",
            urn: "urn:pulumi:stack::proj::pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob::job",
        });
        assert.deepStrictEqual(
            Object.keys(reg.inputs)
                .filter((k) => !k.startsWith("__"))
                .sort(),
            ["dataAccessRoleArn", "domainId", "inputDataConfig", "jobName", "outputDataConfig"],
        );
    });
});
