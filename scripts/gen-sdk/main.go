// Command gen-sdk writes the Python and Go SDKs of the native plugin from its schema, with
// Pulumi's own code generators (github.com/pulumi/pulumi/pkg/v3/codegen/{python,go}) at the
// version the toolchain builds the CLI at. `pulumi package gen-sdk` would delegate to the
// language hosts' GeneratePackage, which the hosts buildable here lack (shared/DESIGN.md
// section 9); the generators themselves run offline.
//
// Usage: gen-sdk <schema.json> <out-dir>; writes <out-dir>/python and <out-dir>/go, replacing
// both. Run through scripts/gen-sdk.sh (`npm run gen:sdk`), which builds this program.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
)

// tool names the generator in each file's "do not edit" header.
const tool = "pulumi-voiceid gen-sdk"

// generator produces one language's files (paths relative to that language's folder).
type generator func(pkg *schema.Package) (map[string][]byte, error)

var generators = map[string]generator{
	"python": func(pkg *schema.Package) (map[string][]byte, error) {
		files, err := pygen.GeneratePackage(tool, pkg, nil, noDependencies{})
		if err != nil {
			return nil, err
		}
		// pyproject.toml names README.md beside it (the project's readme), but the generator
		// writes the package description only inside the package folder.
		readme, ok := files["pulumi_voiceid/README.md"]
		if !ok {
			return nil, fmt.Errorf("the generator wrote no pulumi_voiceid/README.md")
		}
		files["README.md"] = readme
		return files, nil
	},
	"go":     func(pkg *schema.Package) (map[string][]byte, error) { return gogen.GeneratePackage(tool, pkg, nil) },
}

func main() {
	if len(os.Args) != 3 {
		fail(fmt.Errorf("usage: gen-sdk <schema.json> <out-dir>"))
	}
	schemaPath, outDir := os.Args[1], os.Args[2]
	langs := make([]string, 0, len(generators))
	for lang := range generators {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		// Each generator annotates the package it is given, so each binds its own.
		pkg, err := bind(schemaPath)
		if err != nil {
			fail(err)
		}
		files, err := generators[lang](pkg)
		if err != nil {
			fail(fmt.Errorf("%s SDK: %w", lang, err))
		}
		if err := write(filepath.Join(outDir, lang), files); err != nil {
			fail(err)
		}
		fmt.Printf("%s: %d files in %s\n", lang, len(files), filepath.Join(outDir, lang))
	}
}

// bind reads and validates the schema; its errors name the schema's offending place.
func bind(schemaPath string) (*schema.Package, error) {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noDependencies{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", schemaPath, diags.Error())
	}
	return pkg, nil
}

// write replaces dir with exactly the generated files, so a file the generator no longer
// emits does not linger in the committed SDK.
func write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noDependencies is the schema loader of a package that references no other package: the
// voiceid schema uses only its own types and pulumi.json's, so any request is a schema error.
type noDependencies struct{}

func (noDependencies) refuse(name string) error {
	return fmt.Errorf("the voiceid schema references package %q; gen-sdk loads no other package", name)
}

func (l noDependencies) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(name)
}

func (l noDependencies) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noDependencies) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(name)
}

func (l noDependencies) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "gen-sdk: %v\n", err)
	os.Exit(1)
}
