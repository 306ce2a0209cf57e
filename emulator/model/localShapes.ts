/**
 * Input shapes of the emulator-only operations (X-Amz-Target `VoiceIDLocal.<Op>`), which are
 * not part of Voice ID: written by hand in the generated table's vocabulary, reusing the model's
 * shapes (DomainId, SpeakerId, S3Uri, ...) so they validate exactly like the real operations.
 * @module
 */
import type { ShapeTable, OperationTable } from "./types";

export const LOCAL_SHAPES: ShapeTable = {
    CreateSessionRequest: {
        type: "structure",
        required: ["DomainId", "AudioSpecifications"],
        members: {
            DomainId: { shape: "DomainId" },
            SessionName: { shape: "SessionName" },
            SpeakerId: { shape: "SpeakerId" },
            AudioSpecifications: { shape: "LocalAudioSpecifications" },
            DataAccessRoleArn: { shape: "IamRoleArn" },
            AcceptanceThreshold: { shape: "Score" },
            RiskThreshold: { shape: "Score" },
            WatchlistId: { shape: "WatchlistId" },
        },
    },
    SessionName: { type: "string", min: 1, max: 36, pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$" },
    LocalAudioSpecifications: { type: "list", member: "LocalAudioSpecification", min: 1, max: 10 },
    LocalAudioSpecification: {
        type: "structure",
        required: ["S3Uri", "ChannelId"],
        members: { S3Uri: { shape: "S3Uri" }, ChannelId: { shape: "LocalChannelId" } },
    },
    LocalChannelId: { type: "integer", min: 0, max: 1 },
};

export const LOCAL_OPERATIONS: OperationTable = {
    CreateSession: {
        input: "CreateSessionRequest",
        errors: ["ResourceNotFoundException", "ValidationException", "ConflictException", "AccessDeniedException"],
    },
};
