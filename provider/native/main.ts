/**
 * Entry point of `pulumi-resource-voiceid` (started through the shell wrapper of the same name,
 * which checks for Node >= 22 first).
 * @module
 */
import { main } from "./host";

main().catch((err) => {
    process.stderr.write(`pulumi-resource-voiceid: ${err?.stack ?? err}\n`);
    process.exit(1);
});
