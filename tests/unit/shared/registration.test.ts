import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { minimalJobArgs } from "../jobs/corpus";
import { dynamicResourceInputs } from "../../../provider/shared/resourceInputs";

/**
 * Registration of our resources runs with stack traces off (the SDK formats one per registered
 * property, for a report it prints only under PULUMI_DEBUG_PROMISE_LEAKS). Observed from inside
 * the SDK's registration with a (synchronous) transformation.
 */
describe("resource registration: stack traces", () => {
    before(() => {
        pulumi.runtime.setMocks(
            {
                newResource: (args) => ({ id: "D".repeat(22) + "/" + "J".repeat(22), state: args.inputs }),
                call: () => ({}),
            },
            "proj",
            "stack",
            true,
        );
    });
    afterEach(() => delete process.env.PULUMI_DEBUG_PROMISE_LEAKS);

    const limitDuringRegistration = async (name: string): Promise<number> => {
        const { FraudsterRegistrationJob } = await import("../../../provider/jobs/resource");
        let seen = NaN;
        const job = new FraudsterRegistrationJob(name, minimalJobArgs(), {
            transformations: [
                () => {
                    seen = Error.stackTraceLimit;
                    return undefined;
                },
            ],
        });
        await new Promise<void>((resolve) => job.urn.apply(() => resolve()));
        return seen;
    };

    it("are off while the SDK registers the properties, and the limit is restored after", async () => {
        const before = Error.stackTraceLimit;
        assert.equal(await limitDuringRegistration("quiet"), 0);
        assert.equal(Error.stackTraceLimit, before);
    });

    it("stay on under PULUMI_DEBUG_PROMISE_LEAKS, whose report prints them", async () => {
        process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
        assert.equal(await limitDuringRegistration("debugging"), Error.stackTraceLimit);
    });

    it("an error thrown during registration keeps a stack that leads to the program's line", async () => {
        const { FraudsterRegistrationJob } = await import("../../../provider/jobs/resource");
        const before = Error.stackTraceLimit;
        const declare = function declaredInTheProgram() {
            return new FraudsterRegistrationJob("broken", minimalJobArgs(), {
                transformations: [
                    () => {
                        throw new Error("transformation refused");
                    },
                ],
            });
        };
        assert.throws(declare, (e: Error) => {
            assert.match(e.message, /transformation refused/);
            assert.match(e.stack ?? "", /at declaredInTheProgram /, e.stack);
            return true;
        });
        assert.equal(Error.stackTraceLimit, before);
    });

    it("a program's additionalSecretOutputs add to the outputs a resource always keeps secret", () => {
        const shape = { outputs: ["jobId", "outputFileS3Uri", "registrations"], secretOutputs: ["registrations"] };
        const { props, opts } = dynamicResourceInputs(
            "job",
            { region: "eu-west-2" },
            { additionalSecretOutputs: ["outputFileS3Uri"], protect: true },
            shape,
        );
        assert.deepStrictEqual(opts.additionalSecretOutputs, ["outputFileS3Uri", "registrations"]);
        assert.equal(opts.protect, true);
        assert.ok("outputFileS3Uri" in props && props.outputFileS3Uri === undefined);
    });
});
