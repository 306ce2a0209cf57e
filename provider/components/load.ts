/**
 * Loads the `@pulumi/aws` components, or says which package to install.
 * @module
 */
import type * as components from ".";

/** The package the components need: an optional peer dependency of pulumi-voiceid. */
export const AWS_PACKAGE = "@pulumi/aws";

/** True when `@pulumi/aws` cannot be resolved from this package (i.e. from the program). */
function awsMissing(): boolean {
    try {
        require.resolve(AWS_PACKAGE);
        return false;
    } catch {
        return true;
    }
}

/**
 * The components module. Throws a clear error naming the component and the package to install
 * when `@pulumi/aws` is missing, instead of Node's "Cannot find module" from deep inside.
 */
export function loadComponents(what: string): typeof components {
    if (awsMissing()) {
        throw new Error(
            `pulumi-voiceid: ${what} is an ${AWS_PACKAGE} component and ${AWS_PACKAGE} is not installed. ` +
            `Install it in your program (npm install ${AWS_PACKAGE}); it is an optional peer dependency ` +
            "that only the components need (FraudsterRegistrationJob, VoiceIdDomain and VoiceIdWatchlist do not).");
    }
    return require(".") as typeof components;
}
