import * as assert from "assert";
import { VoiceIdDomainKey } from "../../../provider/components";
import { expectedDomainKeyPolicy } from "./fixtures";
import { ComponentMocks, installMocksForSuite, mockKeyArn, urnOf, valueOf } from "./mocks";

describe("components/VoiceIdDomainKey (mocks)", () => {
    let mocks: ComponentMocks;
    installMocksForSuite((m) => (mocks = m));

    it("creates a symmetric key with rotation, an alias and a key policy usable only through Voice ID", async () => {
        const c = new VoiceIdDomainKey("domain");
        assert.strictEqual(await valueOf(c.keyArn), mockKeyArn("domain"));
        assert.strictEqual(await valueOf(c.aliasName), "alias/voiceid-test-domain");
        const key = mocks.get("aws:kms/key:Key", "domain");
        assert.strictEqual(key.inputs.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
        assert.strictEqual(key.inputs.enableKeyRotation, true);
        assert.match(key.inputs.description, /Voice ID domain/);
        assert.deepStrictEqual(JSON.parse(key.inputs.policy), expectedDomainKeyPolicy());
        assert.match(await urnOf(c.key), /::voiceid:components:VoiceIdDomainKey\$aws:kms\/key:Key::domain$/);
    });

    it("names key users and administrators by condition", async () => {
        const c = new VoiceIdDomainKey("named", {
            keyUsers: ["arn:aws:iam::111122223333:role/deployer"],
            keyAdministrators: ["arn:aws:iam::111122223333:role/admin"],
        });
        assert.deepStrictEqual(
            JSON.parse(await valueOf(c.keyPolicy)),
            expectedDomainKeyPolicy("arn:aws:iam::111122223333:role/deployer", "arn:aws:iam::111122223333:role/admin"),
        );
    });

    it("rejects a key user that is not a principal ARN, naming the field", () => {
        assert.throws(
            () => new VoiceIdDomainKey("bad", { keyUsers: ["deployer"] }),
            (e: Error) =>
                e.name === "InputValidationError" && /keyUsers\[0\]: must be an IAM principal ARN/.test(e.message),
        );
    });
});
