/**
 * What a reviewer sees in `pulumi preview`, through the real engine against the local service:
 * renames and tag changes in clear with plain inputs and masked with secret ones, no internal
 * input in any `--diff`, the consequence line of a replaced job, and `pulumi preview --json` of
 * create, update, replace, import, delete and destroy plans run through `plan-summary`.
 *
 * With UPDATE_PLAN_GOLDENS=1 the preview JSON of each plan is written (ids normalized) to
 * tests/fixtures/plan/<plan>.json, the inputs of the golden tests (tests/unit/plan).
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CreateDomainCommand, StartFraudsterRegistrationJobCommand } from "@aws-sdk/client-voice-id";
import { TestProgram, changeSummary } from "../../support/pulumi";
import { normalizePreview as normalize } from "../../support/planGoldens";
import { jobLocations, LocalStack, RegistrationSeed, startLocalStackForSuite } from "../../support/localStack";
import { repoRoot } from "../../support/repo";
import { summarize } from "../../../cli/plan/markdown";
import { parsePreview } from "../../../cli/plan/preview";

interface Declared {
    secret: boolean;
    watchlistName: string;
    tags: Record<string, string>;
    threshold: number;
    seed: RegistrationSeed;
    withJob?: boolean;
    importId?: string;
    importSeed?: RegistrationSeed;
}

function source(d: Declared): string {
    const wrap = (v: unknown) => (d.secret ? `pulumi.secret(${JSON.stringify(v)})` : JSON.stringify(v));
    const imported = d.importId
        ? `
new FraudsterRegistrationJob("adopted", {
    domainId: domain.domainId,
    dataAccessRoleArn: ${JSON.stringify(d.importSeed!.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(d.importSeed!.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(d.importSeed!.outputUri)} },
}, { import: ${JSON.stringify(d.importId)} });`
        : "";
    const job =
        d.withJob === false
            ? ""
            : `
new FraudsterRegistrationJob("q3-fraudsters", {
    domainId: domain.domainId,
    dataAccessRoleArn: ${JSON.stringify(d.seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(d.seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(d.seed.outputUri)}, kmsKeyId: ${JSON.stringify(d.seed.kmsKeyId)} },
    registrationConfig: { fraudsterSimilarityThreshold: ${d.threshold}, watchlistIds: [watchlist.watchlistId] },
    deleteFraudstersOnDestroy: true,
});`;
    return `
import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob, VoiceIdDomain, Watchlist } from "pulumi-voiceid";

const domain = new VoiceIdDomain("fraud", {
    serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(d.seed.kmsKeyId)} },
    tags: ${wrap(d.tags)},
});
const watchlist = new Watchlist("high-risk", { domainId: domain.domainId, name: ${wrap(d.watchlistName)} });
${job}${imported}
export const domainId = domain.domainId;
`;
}

/** Keys a user never writes; none may show in a `--diff`. */
const INTERNAL = /\b(scope|importId|__scope|__importId|__provider|configRegion|configEndpoint)\b/;

const speakers = (...ids: number[]) =>
    ids.map((s, i) => ({ requestId: `r${i}-s${s}`, audio: [{ speaker: s, utterance: 2 }] }));

describe("previews a reviewer can read (real engine, local service)", function () {
    this.timeout(1_800_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });

    const goldens = process.env.UPDATE_PLAN_GOLDENS === "1";
    const fixtures = path.join(repoRoot, "tests", "fixtures", "plan");

    async function previewJson(
        program: TestProgram,
        name: string,
        extra: string[] = [],
        ids: Record<string, string> = {},
    ): Promise<string> {
        // `destroy --preview-only` refuses the skip-confirmations setting the harness sets for `up`.
        const r =
            extra[0] === "destroy"
                ? await program.pulumi([...extra, "--json"], { PULUMI_SKIP_CONFIRMATIONS: "false" })
                : await program.pulumi(["preview", "--json", ...extra]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        const plan = parsePreview(r.stdout);
        assert.ok(plan.steps.length > 0, `${name}: preview JSON has steps`);
        if (goldens) {
            fs.mkdirSync(fixtures, { recursive: true });
            fs.writeFileSync(path.join(fixtures, `${name}.json`), normalize(r.stdout, program, ids));
        }
        return r.stdout;
    }

    it("plain inputs: rename and tag change in clear, no internal input, consequence lines, summaries", async () => {
        const seed = await stack.seedRegistration("plan-plain", speakers(201, 202, 203));
        const d: Declared = {
            secret: false,
            watchlistName: "high-risk",
            tags: { team: "fraud-ops" },
            threshold: 70,
            seed,
        };
        const program = await TestProgram.create({ name: "plan-plain", source: source(d), env: stack.env });
        try {
            const ids: Record<string, string> = {};
            for (const [k, v] of Object.entries(seed)) ids[v] = `<${k}>`;

            // create
            const createJson = await previewJson(program, "create", [], ids);
            let md = summarize(parsePreview(createJson));
            assert.match(md, /Registration jobs: 1 to start[\s\S]*q3-fraudsters/, md);
            let r = await program.up();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            const domainId = (await program.outputs()).domainId;
            ids[domainId] = "<domainId>";

            // rename + tag change: old and new values, a [diff: ...] tag, nothing internal
            program.writeSource(source({ ...d, watchlistName: "high-risk-v2", tags: { team: "fraud-ops-2" } }));
            r = await program.preview();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.match(r.stdout, /~ name\s*: "high-risk" => "high-risk-v2"/, r.stdout);
            assert.match(r.stdout, /~ team: "fraud-ops" => "fraud-ops-2"/, r.stdout);
            assert.ok(!INTERNAL.test(r.stdout + r.stderr), `internal input in --diff:\n${r.stdout}`);
            assert.ok(!/\[secret\]/.test(r.stdout), r.stdout);
            // Without --diff, the one-line form names the changed properties.
            const short = await program.pulumi(["preview"]);
            assert.match(short.stdout, /Watchlist\s+high-risk\s+update\s+\[diff: ~name\]/, short.stdout);
            assert.match(short.stdout, /VoiceIdDomain\s+fraud\s+update\s+\[diff: ~tags\]/, short.stdout);
            await previewJson(program, "update", [], ids);
            r = await program.up();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            d.watchlistName = "high-risk-v2";
            d.tags = { team: "fraud-ops-2" };

            // threshold change: replace, the property named, the consequence line
            program.writeSource(source({ ...d, threshold: 85 }));
            r = await program.preview();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.deepStrictEqual(changeSummary(r.stdout), { replace: 1, unchanged: 3 }, r.stdout);
            assert.match(r.stdout, /~ fraudsterSimilarityThreshold\s*: 70 => 85/, r.stdout);
            assert.match(
                r.stdout + r.stderr,
                /\[voiceid\] plan: FraudsterRegistrationJob "q3-fraudsters" will be replaced \(registrationConfig\.fraudsterSimilarityThreshold\): a new registration job will run and register the manifest's fraudsters again; only if it succeeds, the 3 fraudsters job [a-zA-Z0-9]{22} registered will be deleted \(deleteFraudstersOnDestroy\), except those the new job finds again/,
                r.stdout,
            );
            assert.ok(!INTERNAL.test(r.stdout + r.stderr), `internal input in --diff:\n${r.stdout}`);
            const replaceJson = await previewJson(program, "replace", [], ids);
            md = summarize(parsePreview(replaceJson));
            assert.match(md, /q3-fraudsters.*registrationConfig\.fraudsterSimilarityThreshold/, md);
            assert.match(md, /3 fraudsters/, md);

            // import
            const importSeed = await stack.seedRegistration("plan-imp", speakers(204));
            for (const [k, v] of Object.entries(importSeed)) ids[v] = `<import.${k}>`;
            const started = await stack.voiceId.send(
                new StartFraudsterRegistrationJobCommand({
                    DomainId: domainId,
                    ...jobLocations(importSeed, { kmsKey: false }),
                }),
            );
            ids[started.Job!.JobId!] = "<importedJobId>";
            await new Promise((res) => setTimeout(res, 3000));
            program.writeSource(source({ ...d, importId: `${domainId}/${started.Job!.JobId}`, importSeed }));
            r = await program.preview();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.match(
                r.stdout + r.stderr,
                /\[voiceid\] plan: FraudsterRegistrationJob "adopted" will be imported: adopts existing job [a-zA-Z0-9]{22}\/[a-zA-Z0-9]{22} instead of starting one/,
                r.stdout,
            );
            assert.ok(!INTERNAL.test(r.stdout + r.stderr), `internal input in --diff:\n${r.stdout}`);
            md = summarize(parsePreview(await previewJson(program, "import", [], ids)));
            assert.match(md, /Registration jobs: 1 to adopt[\s\S]*adopted/, md);
            r = await program.up();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);

            // delete: the job leaves the program
            program.writeSource(
                source({ ...d, withJob: false, importId: `${domainId}/${started.Job!.JobId}`, importSeed }),
            );
            r = await program.preview();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.ok(!INTERNAL.test(r.stdout + r.stderr), `internal input in --diff:\n${r.stdout}`);
            md = summarize(parsePreview(await previewJson(program, "delete", [], ids)));
            assert.match(md, /Deleted by this plan[\s\S]*\*\*3 fraudsters\*\*/, md);

            // destroy
            md = summarize(parsePreview(await previewJson(program, "destroy", ["destroy", "--preview-only"], ids)));
            assert.match(md, /Domains[\s\S]*fraud.*deleted/i, md);
        } finally {
            await program.dispose();
        }
    });

    it("secret inputs: the rename and tag change stay masked in the preview and the state", async () => {
        const seed = await stack.seedRegistration("plan-secret", speakers(211));
        const d: Declared = {
            secret: true,
            watchlistName: "hidden-list-7f3a",
            tags: { team: "hidden-team-7f3a" },
            threshold: 70,
            seed,
            withJob: false,
        };
        const program = await TestProgram.create({ name: "plan-secret", source: source(d), env: stack.env });
        try {
            let r = await program.up();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            const raw = await program.ok(["stack", "export"]);
            for (const s of ["hidden-list-7f3a", "hidden-team-7f3a"])
                assert.ok(!raw.stdout.includes(s), `${s} in the state in clear`);
            program.writeSource(
                source({ ...d, watchlistName: "hidden-list-8b4c", tags: { team: "hidden-team-8b4c" } }),
            );
            r = await program.preview();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.deepStrictEqual(changeSummary(r.stdout), { update: 2, unchanged: 1 }, r.stdout);
            // plan-summary of the same plan: the values stay [secret], as in the engine's display.
            const ids: Record<string, string> = {};
            for (const [k, v] of Object.entries(seed)) ids[v] = `<${k}>`;
            const md = summarize(parsePreview(await previewJson(program, "update-secret", [], ids)));
            for (const s of ["hidden-list", "hidden-team"]) assert.ok(!md.includes(s), `${s} in the summary:\n${md}`);
            assert.match(r.stdout, /\[secret\]/, r.stdout);
            for (const s of ["hidden-list", "hidden-team"])
                assert.ok(!r.stdout.includes(s), `${s} shown in the preview:\n${r.stdout}`);
            assert.ok(!INTERNAL.test(r.stdout + r.stderr), `internal input in --diff:\n${r.stdout}`);
            r = await program.up();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            const after = await program.ok(["stack", "export"]);
            assert.ok(!after.stdout.includes("hidden-list-8b4c"), "the new name is in the state in clear");
        } finally {
            await program.dispose();
        }
    });

    it("a domain created outside Pulumi and imported previews as an adoption", async () => {
        const d = (
            await stack.voiceId.send(
                new CreateDomainCommand({
                    Name: "outside",
                    ServerSideEncryptionConfiguration: { KmsKeyId: (await stack.createKmsKey()).arn },
                }),
            )
        ).Domain!;
        const src = `import { VoiceIdDomain } from "pulumi-voiceid";
new VoiceIdDomain("outside", { name: "outside", serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(d.ServerSideEncryptionConfiguration!.KmsKeyId)} } }, { import: ${JSON.stringify(d.DomainId)} });
`;
        const program = await TestProgram.create({ name: "plan-import-domain", source: src, env: stack.env });
        try {
            const r = await program.preview();
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.match(
                r.stdout + r.stderr,
                new RegExp(
                    `\\[voiceid\\] plan: VoiceIdDomain "outside" will be imported: adopts existing domain ${d.DomainId} instead of creating one`,
                ),
                r.stdout,
            );
            assert.ok(!INTERNAL.test(r.stdout), r.stdout);
        } finally {
            await program.dispose();
        }
    });
});
