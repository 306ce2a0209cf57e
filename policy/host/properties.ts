/**
 * Resource properties as policies see them, decoded from the engine's `Struct` the way
 * `@pulumi/policy` 1.21 does (deserialize.js, for validations): plain JSON; a secret is its
 * plain value (policies read secrets like any value); assets and archives become
 * `@pulumi/pulumi`'s asset classes (loaded only when one appears); unknown values stay as the
 * engine's sentinel strings, which the unknown-checking proxy turns into `UnknownValueError` on
 * read; resource references and output values are refused with `@pulumi/policy`'s messages.
 * @module
 */
import type * as assetTypes from "@pulumi/pulumi/asset";
import { SECRET_SIG, SIG_KEY } from "../../provider/native/wire";
import { unknownCheckingProxy } from "../unknowns";
import { structpb } from "./proto";

/** Signatures of the engine's asset and archive objects (`@pulumi/pulumi/runtime/rpc`); the key and the secret's are the native host's. */
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

let assets: typeof assetTypes | undefined;
/** `@pulumi/pulumi`'s asset classes (2 ms, no runtime), on the first asset or archive. */
function assetModule(): typeof assetTypes {
    return (assets ??= require("@pulumi/pulumi/asset"));
}

/**
 * The properties of a resource, wrapped in the unknown-checking proxy; `what` names the field
 * for the error when the engine sent none (`AnalyzeRequest.properties`).
 */
export function propertiesOf(
    struct: InstanceType<typeof structpb.Struct> | undefined,
    what: string,
): Record<string, any> {
    if (!struct) throw new Error(`${what} is missing (the engine sends a Struct, empty for a resource without inputs)`);
    const outputs = struct.toJavaScript() as Record<string, unknown>;
    const props: Record<string, any> = {};
    for (const k of Object.keys(outputs)) {
        // Properties with undefined values count as absent.
        if (outputs[k] !== undefined) props[k] = deserialize(outputs[k]);
    }
    return unknownCheckingProxy(props);
}

function deserialize(prop: unknown): any {
    if (prop === undefined) throw new Error("unexpected undefined property value during deserialization");
    if (prop === null || typeof prop === "boolean" || typeof prop === "number" || typeof prop === "string") {
        return prop;
    }
    if (prop instanceof Array) return prop.map(deserialize);
    const obj = prop as Record<string, any>;
    const sig = obj[SIG_KEY];
    if (sig) {
        switch (sig) {
            case ASSET_SIG: {
                const a = assetModule();
                if (obj["path"]) return new a.FileAsset(obj["path"]);
                if (obj["text"]) return new a.StringAsset(obj["text"]);
                if (obj["uri"]) return new a.RemoteAsset(obj["uri"]);
                throw new Error("Invalid asset encountered when unmarshaling resource property");
            }
            case ARCHIVE_SIG: {
                const a = assetModule();
                if (obj["assets"]) {
                    const members: Record<string, assetTypes.Asset | assetTypes.Archive> = {};
                    for (const name of Object.keys(obj["assets"])) {
                        const m = deserialize(obj["assets"][name]);
                        if (!a.Asset.isInstance(m) && !a.Archive.isInstance(m)) {
                            throw new Error(
                                "Expected an AssetArchive's assets to be unmarshaled Asset or Archive objects",
                            );
                        }
                        members[name] = m;
                    }
                    return new a.AssetArchive(members);
                }
                if (obj["path"]) return new a.FileArchive(obj["path"]);
                if (obj["uri"]) return new a.RemoteArchive(obj["uri"]);
                throw new Error("Invalid archive encountered when unmarshaling resource property");
            }
            case SECRET_SIG:
                return deserialize(obj["value"]);
            default:
                throw new Error(`Unrecognized signature '${sig}' when unmarshaling resource property`);
        }
    }
    const out: Record<string, any> = {};
    for (const k of Object.keys(obj)) out[k] = deserialize(obj[k]);
    return out;
}
