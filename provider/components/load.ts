/**
 * Loads the `@pulumi/aws` components for the package entry, or stands in for them with a clear
 * error when `@pulumi/aws` is not installed.
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

/** The error for using component `name` without `@pulumi/aws`. */
export function awsMissingError(name: string): Error {
    return new Error(
        `pulumi-voiceid: ${name} is an ${AWS_PACKAGE} component and ${AWS_PACKAGE} is not installed. ` +
            `Install it in your program (npm install ${AWS_PACKAGE}); it is an optional peer dependency ` +
            "that only the components need (FraudsterRegistrationJob, VoiceIdDomain and VoiceIdWatchlist do not).",
    );
}

// Reading these must not throw: Node's ESM loader reads every export of a CommonJS module, and
// inspection tools look at a few well-known properties.
const HARMLESS = new Set(["name", "length", "prototype", "then", "constructor", "toString", "toJSON", "inspect"]);

/**
 * A stand-in for a component class when `@pulumi/aws` is missing: importing it works (so an
 * ESM `import { FraudsterRegistrationJob } from "pulumi-voiceid"` does too), while constructing
 * it or calling one of its static methods throws {@link awsMissingError}.
 */
function missingComponent(name: string): unknown {
    const fail = () => {
        throw awsMissingError(name);
    };
    return new Proxy(
        function MissingAwsComponent() {
            /* never runs: the traps throw */
        },
        {
            construct: fail,
            apply: fail,
            get: (target, prop, receiver) =>
                typeof prop === "symbol" || HARMLESS.has(prop) ? Reflect.get(target, prop, receiver) : fail(),
        },
    );
}

/** The component export `name`: the class itself, or a stand-in that explains what to install. */
export function componentExport(name: keyof typeof components): unknown {
    if (awsMissing()) return missingComponent(name);
    return (require(".") as typeof components)[name];
}
