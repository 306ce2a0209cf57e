/**
 * No message shows the engine's placeholder for a value unknown at preview: log lines, errors
 * and check failures say "(known after apply)" instead.
 * @module
 */
import * as assert from "assert";
import { logger, sink } from "../../../provider/shared/log";
import { redactText, UNKNOWN_TEXT } from "../../../provider/shared/redact";
import { UNKNOWN } from "../../../provider/shared/validation";
import { dispatch } from "../../../provider/shared/engineView";

describe("shared: the unknown placeholder never reaches a reader", () => {
    it("log lines, error texts and check failures name it (known after apply)", async () => {
        // The real sink (outside a provider host it prints): plan lines are written to it directly.
        const lines: string[] = [];
        const log = console.log;
        console.log = (line: string) => void lines.push(line);
        try {
            logger("voiceid").info(`adopts existing job ${UNKNOWN}`);
            sink.write("info", `[voiceid] plan: job will be imported: adopts existing job ${UNKNOWN}`);
        } finally {
            console.log = log;
        }
        assert.deepStrictEqual(lines, [
            `[voiceid] adopts existing job ${UNKNOWN_TEXT}`,
            `[voiceid] plan: job will be imported: adopts existing job ${UNKNOWN_TEXT}`,
        ]);
        assert.strictEqual(redactText(`cannot import ${UNKNOWN}`), `cannot import ${UNKNOWN_TEXT}`);
        const mod = require.resolve("./placeholderProvider.fixture");
        const r = await dispatch(mod, "check", [{}, { domainId: UNKNOWN }]);
        assert.deepStrictEqual(r.failures, [{ property: "watchlistIds", reason: `must be in domain ${UNKNOWN_TEXT}` }]);
    });
});
