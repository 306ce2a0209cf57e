/**
 * `pulumi-voiceid local-session`: makes a Voice ID session from audio in S3 on the local
 * service (the emulator-only `VoiceIDLocal.CreateSession`), so that `EvaluateSession` can be
 * called on it with any SDK or the AWS CLI. Endpoint and credentials come from the standard
 * environment variables (`source .local/stack.env`).
 * @module
 */
import { callLocalOperation } from "../emulator/localClient";

export const summary = "create a session from S3 audio on the local Voice ID service (then call EvaluateSession)";

const USAGE = `usage: pulumi-voiceid local-session --domain-id ID --audio s3://bucket/key.wav [--audio ...]
         [--channel 0|1] [--name SESSION_NAME] [--speaker-id SPEAKER_ID] [--role-arn ROLE_ARN]
         [--acceptance-threshold 0-100] [--risk-threshold 0-100] [--watchlist-id ID] [--endpoint URL]
Prints the CreateSession output (SessionId, SessionName) as JSON.`;

const INTEGER_FLAGS: Record<string, string> = {
    "--acceptance-threshold": "AcceptanceThreshold",
    "--risk-threshold": "RiskThreshold",
};
const STRING_FLAGS: Record<string, string> = {
    "--domain-id": "DomainId",
    "--name": "SessionName",
    "--speaker-id": "SpeakerId",
    "--role-arn": "DataAccessRoleArn",
    "--watchlist-id": "WatchlistId",
};

/** Parses the flags into the CreateSession input; throws with the flag and the rule. */
export function parseArgs(argv: string[]): { input: Record<string, unknown>; endpoint?: string } {
    const input: Record<string, unknown> = {};
    const audio: string[] = [];
    let channel = 0;
    let endpoint: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = argv[i + 1];
        if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
        i++;
        if (flag === "--audio") audio.push(value);
        else if (flag === "--channel") {
            if (value !== "0" && value !== "1") throw new Error("--channel must be 0 or 1");
            channel = Number(value);
        } else if (flag === "--endpoint") endpoint = value;
        else if (INTEGER_FLAGS[flag]) {
            if (!/^\d+$/.test(value)) throw new Error(`${flag} must be an integer from 0 to 100`);
            input[INTEGER_FLAGS[flag]] = Number(value);
        } else if (STRING_FLAGS[flag]) input[STRING_FLAGS[flag]] = value;
        else throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
    if (!input.DomainId) throw new Error(`--domain-id is required\n${USAGE}`);
    if (audio.length === 0) throw new Error(`--audio is required (at least one s3:// URI of a WAV file)\n${USAGE}`);
    input.AudioSpecifications = audio.map((S3Uri) => ({ S3Uri, ChannelId: channel }));
    return { input, endpoint };
}

export async function run(argv: string[]): Promise<number> {
    if (argv.includes("--help") || argv.includes("-h")) {
        process.stdout.write(USAGE + "\n");
        return 0;
    }
    let parsed;
    try {
        parsed = parseArgs(argv);
    } catch (e) {
        process.stderr.write(`pulumi-voiceid local-session: ${(e as Error).message}\n`);
        return 2;
    }
    const res = await callLocalOperation("CreateSession", parsed.input, { endpoint: parsed.endpoint });
    if (res.status !== 200) {
        process.stderr.write(
            `pulumi-voiceid local-session: ${String(res.body.__type)}: ${String(res.body.message ?? "")}\n`,
        );
        return 1;
    }
    process.stdout.write(JSON.stringify(res.body, null, 2) + "\n");
    return 0;
}
