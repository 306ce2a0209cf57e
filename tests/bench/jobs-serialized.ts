/**
 * Benchmark: bytes of the serialized `__provider` a FraudsterRegistrationJob stores in state
 * (target: at most 8 KB per resource). Captured from a real resource registered
 * under Pulumi's mocks, i.e. exactly what the engine receives.
 *
 * Run: PATH=$(bash scripts/ensure-node.sh):$PATH node bin/tests/bench/jobs-serialized.js
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { minimalJobArgs } from "../unit/jobs/corpus";

async function main() {
    let providerText = "";
    pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                if (args.inputs.__provider) providerText = args.inputs.__provider;
                return { id: "x", state: args.inputs };
            },
            call: () => ({}),
        },
        "bench",
        "serialized",
        true,
    );
    const { FraudsterRegistrationJob } = await import("../../provider/jobs/resource");
    const job = new FraudsterRegistrationJob("job", minimalJobArgs());
    await new Promise<void>((r) => job.urn.apply(() => r()));
    await new Promise((r) => setTimeout(r, 200));
    const bytes = Buffer.byteLength(providerText);
    console.log(
        `| metric | value | target |\n|---|---|---|\n| serialized __provider per FraudsterRegistrationJob | ${bytes} bytes | <= 8192 bytes |`,
    );
    console.log(JSON.stringify({ bench: "jobs-serialized", bytes }));
}

main().then(
    () => process.exit(0),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
