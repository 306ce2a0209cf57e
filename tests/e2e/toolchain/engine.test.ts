import * as assert from "assert";
import { changeSummary, TestProgram } from "../../support/pulumi";

// Proves the offline toolchain: the real Pulumi CLI, language host and dynamic provider host
// drive a program with one dynamic resource through up, a no-op preview and destroy.
const source = `
import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: any) {
        return { id: "greeting-" + inputs.name, outs: { ...inputs, message: "hello " + inputs.name } };
    },
};

class Greeting extends pulumi.dynamic.Resource {
    declare readonly message: pulumi.Output<string>;
    constructor(name: string, args: { name: string }, opts?: pulumi.CustomResourceOptions) {
        super(provider, name, { ...args, message: undefined }, opts, "smoke", "Greeting");
    }
}

const g = new Greeting("g", { name: "voiceid" });
export const message = g.message;
export const id = g.id;
`;

describe("toolchain: the real Pulumi engine, offline", function () {
    let program: TestProgram;

    before(async () => {
        program = await TestProgram.create({ name: "toolchain", source });
    });

    after(async () => {
        if (program) await program.dispose();
    });

    it("creates a dynamic resource with pulumi up", async () => {
        const r = await program.up();
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(changeSummary(r.stdout), { created: 2 });
        const outputs = await program.outputs();
        assert.strictEqual(outputs.message, "hello voiceid");
        assert.strictEqual(outputs.id, "greeting-voiceid");
        const [res] = await program.resources("pulumi-nodejs:dynamic/smoke:Greeting");
        assert.ok(res, "the dynamic resource is in the stack state with its own type token");
    });

    it("previews no changes on a second run", async () => {
        const r = await program.preview(["--expect-no-changes"]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(changeSummary(r.stdout), { unchanged: 2 });
    });

    it("destroys everything", async () => {
        const r = await program.destroy();
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(changeSummary(r.stdout), { deleted: 2 });
        assert.deepStrictEqual(await program.resources(), []);
    });
});
