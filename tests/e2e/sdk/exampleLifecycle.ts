/**
 * The lifecycle both SDK examples go through (python.test.ts, go.test.ts): examples/<lang>
 * copied outside the repository with its SDK installed the documented way, then, through the
 * real engine against the local stack: a misspelled enum member caught by the language's type
 * checker before the engine runs, up, a no-op preview, a change previewed with the changed
 * property named on the resource, `pulumi import` of a job started with the AWS CLI, destroy.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { changeSummary } from "../../support/pulumi";
import { LocalStack, pythonBin, startLocalStackForSuite } from "../../support/localStack";
import { run } from "../../support/process";
import { enrollmentManifest, exampleConfig, speakers } from "../../support/nativeSeeds";
import { sdkExample, SdkLanguage } from "../../support/sdkProgram";

const NATIVE = "voiceid:index:";

/** Runs `f`, returning its result and the seconds it took (reported, never asserted: docs/benchmarks.md). */
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
    const started = Date.now();
    const r = await f();
    return [r, (Date.now() - started) / 1000];
}

/** The correct and the misspelled enum member in each example's source. */
const ENUM_MEMBER: Record<SdkLanguage, { good: string; bad: string; error: RegExp }> = {
    python: { good: "DuplicateRegistrationAction.SKIP", bad: "DuplicateRegistrationAction.SKP", error: /"type\[DuplicateRegistrationAction\]" has no attribute "SKP"/ },
    go: { good: "DuplicateRegistrationActionSkip", bad: "DuplicateRegistrationActionSkp", error: /undefined: voiceid\.DuplicateRegistrationActionSkp/ },
};

export function describeSdkExample(lang: SdkLanguage): void {
    describe(`generated SDK: examples/${lang} through the engine`, function () {
        this.timeout(1_800_000);
        let stack: LocalStack;
        startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });

        it("type-checks (a misspelled enum member fails first), up, no-op, change preview, import of an AWS CLI job, destroy", async () => {
            const seed = await stack.seedRegistration(`${lang}-demo`, speakers(11, 12));
            const enrollmentUri = await enrollmentManifest(stack, seed);
            const [example, setupSeconds] = await timed(() => sdkExample(lang, {
                env: stack.env,
                secrets: ["dataAccessRoleArn"],
                config: exampleConfig(stack, seed, enrollmentUri),
            }));
            const { prog } = example;
            try {
                // Types: the misspelled member is refused by the checker alone; the program as shipped passes.
                const member = ENUM_MEMBER[lang];
                const source = fs.readFileSync(example.source, "utf8");
                assert.ok(source.includes(member.good), `${example.source} uses ${member.good}`);
                fs.writeFileSync(example.source, source.replace(member.good, member.bad));
                const misspelled = await example.typeCheck();
                assert.notStrictEqual(misspelled.code, 0, "the type checker accepted a misspelled enum member");
                assert.match(misspelled.stdout + misspelled.stderr, member.error);
                fs.writeFileSync(example.source, source);
                const [checked, checkSeconds] = await timed(() => example.typeCheck());
                assert.strictEqual(checked.code, 0, checked.stdout + checked.stderr);

                const [up, upSeconds] = await timed(() => prog.up());
                assert.strictEqual(up.code, 0, up.stdout + up.stderr);
                const outs = await prog.outputs();
                assert.strictEqual(outs.jobStatus, "COMPLETED");
                assert.strictEqual(outs.newFraudsters, 2);
                assert.strictEqual(outs.enrolled, 2);
                assert.match(outs.domainId, /^[a-zA-Z0-9]{22}$/);
                assert.match(outs.roleTrustPolicy, new RegExp(`domain/${outs.domainId}`), "the trust policy function");
                assert.ok(!(await prog.ok(["stack", "export"])).stdout.includes(seed.roleArn), "a secret input in clear in state");

                const [noop, previewSeconds] = await timed(() => prog.preview(["--expect-no-changes"]));
                assert.strictEqual(noop.code, 0, noop.stdout + noop.stderr);
                console.log(`      [timing] ${lang}: install ${setupSeconds}s, type check ${checkSeconds}s, up ${upSeconds}s, no-op preview ${previewSeconds}s`);

                // A change: the preview names the property on the resource's row, with the plan line under it.
                await prog.ok(["config", "set", "similarityThreshold", "85"]);
                const change = await prog.pulumi(["preview"]);
                assert.strictEqual(change.code, 0, change.stdout + change.stderr);
                assert.match(change.stdout, /voiceid:index:FraudsterRegistrationJob registration replace \[diff: ~registrationConfig\]/);
                assert.match(change.stdout, /\[voiceid\] plan: FraudsterRegistrationJob "registration" will be replaced \(registrationConfig\.fraudsterSimilarityThreshold\)/);
                assert.deepStrictEqual(changeSummary(change.stdout), { replace: 1, unchanged: 4 }, change.stdout);
                const detailed = await prog.preview();
                assert.match(detailed.stdout, /fraudsterSimilarityThreshold: 70 => 85/);
                await prog.ok(["config", "rm", "similarityThreshold"]);

                // Import of a job started outside Pulumi, with the AWS CLI.
                const aws = path.join(await pythonBin(), "aws");
                const started = await run(aws, [
                    "voice-id", "start-fraudster-registration-job", "--domain-id", outs.domainId,
                    "--data-access-role-arn", seed.roleArn,
                    "--input-data-config", `S3Uri=${seed.manifestUri}`,
                    "--output-data-config", `S3Uri=${seed.outputUri}`,
                    "--output", "json",
                ], { env: { ...process.env, ...stack.env } });
                assert.strictEqual(started.code, 0, started.stdout + started.stderr);
                const jobId: string = JSON.parse(started.stdout).Job.JobId;
                const imp = await prog.pulumi(["import", `${NATIVE}FraudsterRegistrationJob`, "cliJob", `${outs.domainId}/${jobId}`, "--yes", "--protect=false", "--generate-code=false"]);
                assert.strictEqual(imp.code, 0, imp.stdout + imp.stderr);
                const imported = (await prog.resources(`${NATIVE}FraudsterRegistrationJob`)).find((r: any) => r.urn.endsWith("::cliJob"));
                assert.ok(imported, "the imported job is in the stack");
                assert.strictEqual(imported.id, `${outs.domainId}/${jobId}`);
                assert.strictEqual(imported.outputs.jobId, jobId);
                assert.strictEqual(imported.inputs.inputDataConfig.s3Uri, seed.manifestUri);
                assert.strictEqual(await stack.registrationJobCount(outs.domainId), 2, "import starts no job");
                // The program does not declare it: forget it (a job is never deleted in Voice ID anyway).
                await prog.ok(["state", "delete", imported.urn, "--yes"]);

                await prog.destroyAll(NATIVE);
            } finally {
                await example.dispose();
            }
        });
    });
}
