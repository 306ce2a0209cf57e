import * as assert from "node:assert/strict";
import { Store } from "../../../emulator/store";

describe("emulator store", () => {
  it("reads back a manifest's RequestId and error message whole, NUL characters included", () => {
    const store = new Store(":memory:");
    try {
      const requestId = "before\u0000after\u0000";
      store.insertJobRequest({ job_id: "j", idx: 0, request_id: requestId, outcome: "ERROR", result_id: null, score: null, error_code: 400, error_message: `RequestId ${requestId} is not unique` });
      store.insertJobRequest({ job_id: "j", idx: 1, request_id: "plain", outcome: "NEW_REGISTRATION", result_id: "id#x", score: 12, error_code: null, error_message: null });
      const [first, second] = store.jobRequests("j");
      assert.equal(first.request_id, requestId);
      assert.equal(first.error_message, `RequestId ${requestId} is not unique`);
      assert.deepEqual(second, { job_id: "j", idx: 1, request_id: "plain", outcome: "NEW_REGISTRATION", result_id: "id#x", score: 12, error_code: null, error_message: null });
    } finally {
      store.close();
    }
  });
});
