/**
 * Generates the native plugin's Pulumi package schema from the TypeScript declarations the
 * dynamic classes are documented with (`provider/<resource>/args.ts`, the resource classes, the
 * policy builders), so every property name and doc is written once. Build time only (it loads
 * the TypeScript compiler): `node bin/scripts/native-schema.js <out.json>`, run by
 * `npm run build:plugin`. `tests/unit/native/schema.test.ts` checks the result against the
 * property lists the providers validate with.
 * @module
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { FUNCTIONS, INTERNAL_INPUTS, PACKAGE, POLICIES_FILE, RESOURCES } from "../provider/native/catalog";

type Spec = Record<string, any>;

/** The repository root (this file compiles to bin/scripts/). */
const ROOT = path.resolve(__dirname, "..", "..");

/** A schema generator over one TypeScript program of the declaring files. */
class Generator {
    readonly types: Record<string, Spec> = {};
    private readonly program: ts.Program;
    private readonly checker: ts.TypeChecker;

    constructor(
        private readonly root: string,
        files: string[],
    ) {
        this.program = ts.createProgram(
            files.map((f) => path.join(root, f)),
            { strict: true, skipLibCheck: true, noEmit: true },
        );
        this.checker = this.program.getTypeChecker();
    }

    /** The declaration named `name` in `file` (an interface, a class, a function or a type alias). */
    declaration(file: string, name: string): ts.Node {
        const sf = this.program.getSourceFile(path.join(this.root, file));
        if (!sf) throw new Error(`schema: cannot read ${file}`);
        let found: ts.Node | undefined;
        sf.forEachChild((n) => {
            if (
                (ts.isInterfaceDeclaration(n) ||
                    ts.isClassDeclaration(n) ||
                    ts.isFunctionDeclaration(n) ||
                    ts.isTypeAliasDeclaration(n)) &&
                n.name?.text === name
            )
                found = n;
        });
        if (!found) throw new Error(`schema: ${name} is not declared in ${file}`);
        return found;
    }

    /** The doc comment of a declaration, without tags. */
    doc(node: ts.Node): string {
        const name = (node as ts.NamedDeclaration).name;
        const symbol = name && this.checker.getSymbolAtLocation(name);
        return symbol ? ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).trim() : "";
    }

    /** Members of an interface with those it extends (`Partial<...>` bases make members optional). */
    members(
        decl: ts.InterfaceDeclaration,
        optional = false,
    ): Map<string, { sig: ts.PropertySignature; optional: boolean }> {
        const out = new Map<string, { sig: ts.PropertySignature; optional: boolean }>();
        for (const clause of decl.heritageClauses ?? []) {
            for (const base of clause.types) {
                let expr: ts.Node = base;
                let partial = optional;
                if (ts.isIdentifier(base.expression) && base.expression.text === "Partial" && base.typeArguments?.[0]) {
                    expr = base.typeArguments[0];
                    partial = true;
                }
                const baseDecl = this.interfaceOf(expr);
                if (baseDecl) for (const [k, v] of this.members(baseDecl, partial)) out.set(k, v);
            }
        }
        for (const m of decl.members) {
            if (ts.isPropertySignature(m) && m.name && ts.isIdentifier(m.name)) {
                out.set(m.name.text, { sig: m, optional: optional || !!m.questionToken });
            }
        }
        return out;
    }

    private interfaceOf(node: ts.Node): ts.InterfaceDeclaration | undefined {
        const target = ts.isExpressionWithTypeArguments(node)
            ? node.expression
            : ts.isTypeReferenceNode(node)
              ? node.typeName
              : node;
        let symbol = this.checker.getSymbolAtLocation(target);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
        const decl = symbol?.declarations?.[0];
        return decl && ts.isInterfaceDeclaration(decl) ? decl : undefined;
    }

    /** The schema type of a TypeScript type node. */
    typeOf(node: ts.TypeNode | undefined): Spec {
        if (!node) return { $ref: "pulumi.json#/Any" };
        if (ts.isParenthesizedTypeNode(node)) return this.typeOf(node.type);
        switch (node.kind) {
            case ts.SyntaxKind.StringKeyword:
                return { type: "string" };
            case ts.SyntaxKind.NumberKeyword:
                return { type: "number" };
            case ts.SyntaxKind.BooleanKeyword:
                return { type: "boolean" };
            case ts.SyntaxKind.AnyKeyword:
            case ts.SyntaxKind.UnknownKeyword:
                return { $ref: "pulumi.json#/Any" };
        }
        if (ts.isLiteralTypeNode(node))
            return ts.isStringLiteral(node.literal) ? { type: "string" } : { $ref: "pulumi.json#/Any" };
        if (ts.isArrayTypeNode(node)) return { type: "array", items: this.typeOf(node.elementType) };
        if (ts.isUnionTypeNode(node)) {
            const kinds = node.types.map((t) => this.typeOf(t));
            const first = JSON.stringify(kinds[0]);
            return kinds.every((k) => JSON.stringify(k) === first) ? kinds[0] : { $ref: "pulumi.json#/Any" };
        }
        if (ts.isTypeLiteralNode(node)) return this.objectOf(node.members);
        if (ts.isTypeQueryNode(node)) return { type: "string" }; // `typeof POLICY_VERSION`
        if (ts.isTypeReferenceNode(node)) {
            const name = node.typeName.getText();
            const arg = node.typeArguments ?? [];
            if (/(^|\.)Input$/.test(name) || /(^|\.)Output$/.test(name)) return this.typeOf(arg[0]);
            if (name === "Array" || name === "readonly") return { type: "array", items: this.typeOf(arg[0]) };
            if (name === "Record") return { type: "object", additionalProperties: this.typeOf(arg[1]) };
            if (name === "NonNullable") return this.typeOf(arg[0]);
            if (name === "Pick" || name === "Partial") {
                // A subset of an object type: none of its fields can be required of every caller.
                const t = this.typeOf(arg[0]);
                const token = typeof t.$ref === "string" ? t.$ref.replace("#/types/", "") : "";
                if (this.types[token]) delete this.types[token].required;
                return t;
            }
            const iface = this.interfaceOf(node);
            if (iface) return { $ref: `#/types/${this.objectType(iface)}` };
            let symbol = this.checker.getSymbolAtLocation(node.typeName);
            if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
            const alias = symbol?.declarations?.[0];
            if (alias && ts.isTypeAliasDeclaration(alias)) return this.enumOf(alias) ?? this.typeOf(alias.type);
        }
        return { $ref: "pulumi.json#/Any" };
    }

    /**
     * A named union of string literals (`type DuplicateRegistrationAction = "SKIP" | ...`) as an
     * enum type, so the generated SDKs' types reject a misspelled value before the engine runs;
     * undefined for any other alias.
     */
    private enumOf(alias: ts.TypeAliasDeclaration): Spec | undefined {
        const t = alias.type;
        if (!ts.isUnionTypeNode(t)) return undefined;
        const values = t.types.map((m) =>
            ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal) ? m.literal.text : undefined,
        );
        if (values.some((v) => v === undefined)) return undefined;
        const token = `${PACKAGE}:index:${alias.name.text}`;
        this.types[token] ??= {
            type: "string",
            description: this.doc(alias) || undefined,
            enum: values.map((value) => ({ name: enumName(value!), value })),
        };
        return { $ref: `#/types/${token}` };
    }

    /** Registers an interface as an object type; returns its token. */
    private objectType(decl: ts.InterfaceDeclaration): string {
        const token = `${PACKAGE}:index:${decl.name.text.replace(/(Args|Input)$/, "")}`;
        if (!this.types[token]) {
            this.types[token] = { type: "object" }; // placeholder: recursion
            const { properties, required } = this.properties(this.members(decl));
            this.types[token] = {
                type: "object",
                description: this.doc(decl) || undefined,
                properties,
                required: required.length ? required : undefined,
            };
        }
        return token;
    }

    private objectOf(members: ts.NodeArray<ts.TypeElement>): Spec {
        const props: Record<string, Spec> = {};
        for (const m of members) {
            if (ts.isPropertySignature(m) && m.name && ts.isIdentifier(m.name))
                props[m.name.text] = this.typeOf(m.type);
        }
        return { type: "object", properties: props } as Spec;
    }

    /** Schema properties of members; docs from `docsFrom` where a member has none of its own. */
    properties(
        members: Map<string, { sig: ts.PropertySignature; optional: boolean }>,
        docsFrom?: Map<string, { sig: ts.PropertySignature; optional: boolean }>,
        skip: readonly string[] = [],
    ): { properties: Record<string, Spec>; required: string[] } {
        const properties: Record<string, Spec> = {};
        const required: string[] = [];
        for (const [name, { sig, optional }] of members) {
            if (skip.includes(name)) continue;
            const from = docsFrom?.get(name);
            const description = this.doc(sig) || (from ? this.doc(from.sig) : "");
            let type = this.typeOf(sig.type);
            // Pulumi reads `type: object` without a $ref as a map of strings (the SDKs would then
            // refuse a list or number in it): an output restating an input's shape inline
            // (`registrationConfig?: { ... }`) takes the input's named type.
            if (from && type.type === "object" && type.properties) type = this.typeOf(from.sig.type);
            properties[name] = { ...type, ...(description ? { description } : {}) };
            if (!optional) required.push(name);
        }
        return { properties, required };
    }
}

/** An enum value's name in the SDKs: `REGISTER_AS_NEW` becomes `RegisterAsNew` (Go `DuplicateRegistrationActionRegisterAsNew`). */
function enumName(value: string): string {
    return value.toLowerCase().replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** The package schema (a JSON-serializable object). */
export function generateSchema(root = ROOT, version = packageVersion(root)): Spec {
    const files = [
        ...new Set([...RESOURCES.flatMap((r) => [r.declarations.argsFile, r.declarations.classFile]), POLICIES_FILE]),
    ];
    const g = new Generator(root, files);
    const resources: Record<string, Spec> = {};
    for (const r of RESOURCES) {
        const d = r.declarations;
        const args = g.members(g.declaration(d.argsFile, d.argsInterface) as ts.InterfaceDeclaration);
        const outs = g.members(g.declaration(d.argsFile, d.outputsInterface) as ts.InterfaceDeclaration);
        const inputs = g.properties(args);
        const outputs = g.properties(outs, args, INTERNAL_INPUTS);
        for (const s of r.secretOutputs) if (outputs.properties[s]) outputs.properties[s].secret = true;
        // Every output is recorded once the resource exists, unless the member is optional.
        resources[r.token] = {
            description: `${g.doc(g.declaration(d.classFile, d.className))}\n\nImport by id: \`pulumi import ${r.token} NAME ${r.idForm}\`.`,
            inputProperties: inputs.properties,
            requiredInputs: inputs.required,
            properties: outputs.properties,
            required: outputs.required,
        };
    }
    const functions: Record<string, Spec> = {};
    for (const f of FUNCTIONS) {
        const input = g.members(g.declaration(POLICIES_FILE, f.inputInterface) as ts.InterfaceDeclaration);
        const inputs = g.properties(input);
        functions[f.token] = {
            description: g.doc(g.declaration(POLICIES_FILE, f.builder)),
            inputs: { properties: inputs.properties, required: inputs.required },
            outputs: {
                properties: {
                    json: {
                        type: "string",
                        description: "The policy document as JSON, ready for an IAM role or KMS key policy argument.",
                    },
                    document: { $ref: "pulumi.json#/Any", description: "The same document as an object." },
                },
                required: ["json", "document"],
            },
        };
    }
    return JSON.parse(
        JSON.stringify({
            name: PACKAGE,
            displayName: "Amazon Connect Voice ID",
            version,
            description:
                "Amazon Connect Voice ID domains, watchlists and batch jobs (fraudster registration, speaker enrollment), served by pulumi-voiceid's native plugin.",
            repository: "https://github.com/pulumi-voiceid/pulumi-voiceid",
            license: "Apache-2.0",
            config: {
                variables: {
                    region: {
                        type: "string",
                        description:
                            "AWS region for every Voice ID resource that declares none; else the AWS SDK chain (AWS_REGION, profile). The native plugin does not see `aws:region`.",
                    },
                    endpoint: {
                        type: "string",
                        description:
                            "Voice ID endpoint URL for every resource that declares none; else AWS_ENDPOINT_URL_VOICE_ID / AWS_ENDPOINT_URL, then the SDK's default for the region.",
                    },
                },
            },
            provider: {
                description: "The Voice ID provider.",
                inputProperties: {
                    region: { type: "string", description: "Same as the `voiceid:region` config." },
                    endpoint: { type: "string", description: "Same as the `voiceid:endpoint` config." },
                },
            },
            types: g.types,
            resources,
            functions,
            // The Python and Go SDKs (sdk/, `npm run gen:sdk`) take their version from this schema,
            // and the Go one is a module of its own: sdk/go/go.mod, package sdk/go/voiceid.
            meta: { supportPack: true },
            language: {
                nodejs: { packageName: "@pulumi-voiceid/native" },
                python: {
                    packageName: "pulumi_voiceid",
                    pyproject: { enabled: true },
                    respectSchemaVersion: true,
                    inputTypes: "classes-and-dicts",
                },
                go: {
                    importBasePath: "github.com/pulumi-voiceid/pulumi-voiceid/sdk/go/voiceid",
                    respectSchemaVersion: true,
                },
            },
        }),
    );
}

function packageVersion(root: string): string {
    return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
}

if (require.main === module) {
    const out = process.argv[2];
    const text = `${JSON.stringify(generateSchema(), null, 2)}\n`;
    if (out) fs.writeFileSync(out, text);
    else process.stdout.write(text);
}
