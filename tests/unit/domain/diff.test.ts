import * as assert from "assert";
import { diffDomain } from "../../../provider/domain/diff";
import { diff } from "../../../provider/domain/provider";
import { UNKNOWN } from "../../../provider/shared/validation";

const inputs = () => ({
    name: "fraud",
    description: "desc",
    serverSideEncryptionConfiguration: { kmsKeyId: "alias/voiceid" },
    tags: { team: "fraud-ops" },
    scope: { project: "p", stack: "s", name: "fraud", configEndpoint: "http://127.0.0.1:1" },
});
const outputs = () => ({
    ...inputs(),
    domainId: "AbCdEfGhIjKlMnOpQrStUv",
    arn: "arn:aws:voiceid:us-east-1:123456789012:domain/AbCdEfGhIjKlMnOpQrStUv",
    status: "ACTIVE" as const,
    defaultWatchlistId: "WaTcHlIsTiDaBcDeFgHiJk",
});

/** The comparison part of a diff result (its presentation is tested in shared/detailedDiff). */
const comparison = (d: { changes: boolean; replaces: string[]; deleteBeforeReplace?: boolean }) => ({
    changes: d.changes,
    replaces: d.replaces,
    ...(d.deleteBeforeReplace ? { deleteBeforeReplace: d.deleteBeforeReplace } : {}),
});

describe("VoiceIdDomain diff", () => {
    it("reports no changes for identical inputs and ignores __provider", async () => {
        assert.deepStrictEqual(comparison(diffDomain(outputs(), inputs())), { changes: false, replaces: [] });
        const d = await diff("id", { ...outputs(), __provider: "old" }, { ...inputs(), __provider: "new" });
        assert.deepStrictEqual(comparison(d), { changes: false, replaces: [] });
    });

    it("updates name, description, key and tags in place", () => {
        for (const change of [
            { name: "renamed" },
            { description: "other" },
            { description: undefined },
            { serverSideEncryptionConfiguration: { kmsKeyId: "alias/other" } },
            { tags: { team: "other" } },
            { tags: undefined },
        ]) {
            assert.deepStrictEqual(
                comparison(diffDomain(outputs(), { ...inputs(), ...change })),
                { changes: true, replaces: [] },
                JSON.stringify(change),
            );
        }
    });

    it("treats empty tags as no tags", () => {
        assert.deepStrictEqual(comparison(diffDomain({ ...outputs(), tags: undefined }, { ...inputs(), tags: {} })), {
            changes: false,
            replaces: [],
        });
    });

    it("replaces when the effective region or the declared endpoint changes, not the scope's identity", () => {
        const env = { region: "us-east-1", endpoint: "http://127.0.0.1:4000" };
        assert.deepStrictEqual(
            diffDomain({ ...outputs(), effectiveRegion: "us-east-1" }, { ...inputs(), region: "eu-west-2" }).replaces,
            ["region"],
        );
        // Declaring what is in effect changes nothing; the environment moving the region does.
        assert.deepStrictEqual(
            diffDomain({ ...outputs(), effectiveRegion: "us-east-1" }, { ...inputs(), region: "us-east-1" }, env),
            { changes: false, replaces: [], updates: [] },
        );
        assert.deepStrictEqual(
            diffDomain(outputs(), { ...inputs(), scope: { ...inputs().scope, configRegion: "us-east-1" } }, env),
            { changes: false, replaces: [], updates: [] },
        );
        assert.deepStrictEqual(
            diffDomain({ ...outputs(), effectiveRegion: "us-east-1" }, inputs(), { region: "eu-west-1" }).replaces,
            ["region"],
        );
        // An endpoint only in the environment may move; declaring the one in use is no change.
        const scope = { project: "p", stack: "s", name: "fraud" };
        assert.deepStrictEqual(
            diffDomain({ ...outputs(), scope }, { ...inputs(), scope }, { endpoint: "http://127.0.0.1:5000" }),
            { changes: false, replaces: [], updates: [] },
        );
        assert.deepStrictEqual(
            diffDomain({ ...outputs(), scope }, { ...inputs(), scope, endpoint: "http://127.0.0.1:4000/" }, env),
            { changes: false, replaces: [], updates: [] },
        );
        assert.deepStrictEqual(
            diffDomain({ ...outputs(), scope }, { ...inputs(), scope, endpoint: "http://127.0.0.1:4001" }, env)
                .replaces,
            ["endpoint"],
        );
        assert.deepStrictEqual(
            diffDomain(outputs(), { ...inputs(), scope: { ...inputs().scope, configEndpoint: "http://other" } })
                .replaces,
            ["endpoint"],
        );
        assert.deepStrictEqual(
            comparison(diffDomain(outputs(), { ...inputs(), scope: { ...inputs().scope, stack: "renamed" } })),
            { changes: false, replaces: [] },
        );
    });

    it("counts unknown values as changes", () => {
        assert.deepStrictEqual(
            comparison(
                diffDomain(outputs(), { ...inputs(), serverSideEncryptionConfiguration: { kmsKeyId: UNKNOWN } }),
            ),
            { changes: true, replaces: [] },
        );
        assert.deepStrictEqual(diffDomain(outputs(), { ...inputs(), region: UNKNOWN }).replaces, ["region"]);
    });
});
