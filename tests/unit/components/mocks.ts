/**
 * Pulumi mocks for the helper components: records every resource registered and answers the
 * AWS data sources the components invoke. Mocks are process-global, so each test file installs
 * them in its `before` hook (see {@link installMocks}) rather than at load time.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";

/** The account, region and partition the mocked AWS provider reports. */
export const MOCK_SCOPE = {
    partition: "aws",
    accountId: "111122223333",
    region: "eu-west-2",
    dnsSuffix: "amazonaws.com",
};

/** A resource as the mock monitor saw it. */
export interface RecordedResource {
    type: string;
    name: string;
    inputs: any;
    id: string;
    state: any;
}

/** The KMS key id the mocks give a key of this logical name. */
export function mockKeyId(name: string): string {
    const h = createHash("sha256").update(name).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The key ARN the mocks give a key of this logical name. */
export function mockKeyArn(name: string): string {
    return `arn:aws:kms:${MOCK_SCOPE.region}:${MOCK_SCOPE.accountId}:key/${mockKeyId(name)}`;
}

/** Recording mocks. `existingRoles` answers `aws.iam.getRole` by role name. */
export class ComponentMocks implements pulumi.runtime.Mocks {
    public readonly resources: RecordedResource[] = [];
    public readonly calls: { token: string; inputs: any }[] = [];
    public existingRoles: Record<string, { arn: string; assumeRolePolicy: string }> = {};

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        const { type, name, inputs } = args;
        const { partition, accountId, region } = MOCK_SCOPE;
        let id = `${name}-id`;
        let state: Record<string, any> = { ...inputs };
        switch (type) {
            case "aws:iam/role:Role":
                id = inputs.name;
                state = {
                    ...inputs,
                    arn: `arn:${partition}:iam::${accountId}:role${inputs.path ?? "/"}${inputs.name}`,
                    uniqueId: "AROAEXAMPLE",
                };
                break;
            case "aws:iam/rolePolicy:RolePolicy":
                id = `${inputs.role}:${inputs.name}`;
                break;
            case "aws:kms/key:Key":
                id = mockKeyId(name);
                state = { ...inputs, keyId: id, arn: mockKeyArn(name) };
                break;
            case "aws:kms/alias:Alias":
                id = inputs.name;
                state = { ...inputs, arn: `arn:${partition}:kms:${region}:${accountId}:${inputs.name}` };
                break;
            case "aws:s3/bucketObjectv2:BucketObjectv2":
                id = inputs.key;
                break;
            case "aws:s3/bucket:Bucket":
            case "aws:s3/bucketV2:BucketV2": {
                const bucket = inputs.bucket ?? `${name}-1234567`;
                id = bucket;
                state = { ...inputs, bucket, arn: `arn:${partition}:s3:::${bucket}` };
                break;
            }
        }
        this.resources.push({ type, name, inputs, id, state });
        return { id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        this.calls.push({ token: args.token, inputs: args.inputs });
        const { partition, accountId, region, dnsSuffix } = MOCK_SCOPE;
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId,
                    id: accountId,
                    arn: `arn:${partition}:iam::${accountId}:user/deployer`,
                    userId: "AIDAEXAMPLE",
                };
            case "aws:index/getRegion:getRegion":
                return {
                    region,
                    name: region,
                    id: region,
                    description: "Europe (London)",
                    endpoint: `ec2.${region}.${dnsSuffix}`,
                };
            case "aws:index/getPartition:getPartition":
                return { partition, id: partition, dnsSuffix, reverseDnsPrefix: "com.amazonaws" };
            case "aws:iam/getRole:getRole": {
                const role = this.existingRoles[args.inputs.name];
                if (!role) throw new Error(`NoSuchEntity: The role with name ${args.inputs.name} cannot be found.`);
                return { ...role, id: args.inputs.name, name: args.inputs.name, path: "/" };
            }
        }
        return {};
    }

    /** Resources of one type, e.g. `aws:iam/role:Role`. */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with this type and name; throws if absent. */
    get(type: string, name: string): RecordedResource {
        const found = this.resources.find((r) => r.type === type && r.name === name);
        if (!found)
            throw new Error(
                `no ${type} named ${name}; have: ${this.resources.map((r) => `${r.type}::${r.name}`).join(", ")}`,
            );
        return found;
    }

    /** Forgets everything recorded so far. */
    reset(): void {
        this.resources.length = 0;
        this.calls.length = 0;
        this.existingRoles = {};
    }
}

/**
 * Installs fresh mocks before the tests of the calling `describe` and resets them before each
 * test (mocha hooks); `use` receives them, e.g. `installMocksForSuite((m) => (mocks = m))`.
 */
export function installMocksForSuite(use: (mocks: ComponentMocks) => void): void {
    let installed: ComponentMocks;
    before(async () => {
        installed = await installMocks();
        use(installed);
    });
    beforeEach(() => installed.reset());
}

/** Installs fresh mocks for a test file; call from `before`. */
export async function installMocks(preview = false): Promise<ComponentMocks> {
    const mocks = new ComponentMocks();
    await pulumi.runtime.setMocks(mocks, "voiceid-components", "test", preview);
    return mocks;
}

/** The value of an output (rejects if its apply threw). Undefined when unknown. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as any).promise() as Promise<T>;
}

/** Whether an output is known (false for values computed during preview). */
export function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
    return (output as any).isKnown as Promise<boolean>;
}

/** The URN of a resource. */
export function urnOf(resource: pulumi.Resource): Promise<string> {
    return valueOf(resource.urn);
}

/** Waits for every registration the program has started (mocks answer asynchronously). */
export async function settle(...outputs: pulumi.Output<unknown>[]): Promise<void> {
    await Promise.all(outputs.map((o) => valueOf(o)));
    await new Promise((r) => setImmediate(r));
}

/** An output whose value is unknown, as another resource's output is during preview. */
export function unknownOutput<T>(): pulumi.Output<T> {
    const ctor = pulumi.Output as any;
    return new ctor(
        new Set(),
        Promise.resolve(pulumi.unknown),
        Promise.resolve(false),
        Promise.resolve(false),
        Promise.resolve(new Set()),
    );
}
