// Flat config: typescript-eslint's recommended rules on the library, the emulator and tests.
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["bin/**", "node_modules/**", ".local/**", "docs/api/**", "examples/*/node_modules/**", "**/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        rules: {
            // Dynamic provider inputs/outputs and SDK shapes are untyped at the boundary by nature.
            "@typescript-eslint/no-explicit-any": "off",
            // The lazy provider requires its implementation by package name at call time, on purpose.
            "@typescript-eslint/no-require-imports": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
);
