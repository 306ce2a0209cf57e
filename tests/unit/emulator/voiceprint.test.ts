import * as assert from "node:assert/strict";
import { computeVoiceprint, similarity } from "../../../emulator/voiceprint";
import { speaker, utterance } from "../../support/audio";

describe("emulator voiceprint", () => {
  const SPEAKERS = 8;
  const UTTERANCES = 3;
  const prints = Array.from({ length: SPEAKERS }, (_, s) =>
    Array.from({ length: UTTERANCES }, (_, u) => computeVoiceprint([utterance(speaker(s), u, { seconds: 4 })])),
  );

  it("scores different utterances of the same synthetic speaker >= 90", () => {
    for (let s = 0; s < SPEAKERS; s++) {
      for (let i = 0; i < UTTERANCES; i++) {
        for (let j = i + 1; j < UTTERANCES; j++) {
          const score = similarity(prints[s][i], prints[s][j]);
          assert.ok(score >= 90, `speaker ${s} utterances ${i}/${j}: ${score}`);
        }
      }
    }
  });

  it("scores different speakers < 60", () => {
    for (let a = 0; a < SPEAKERS; a++) {
      for (let b = a + 1; b < SPEAKERS; b++) {
        const score = similarity(prints[a][0], prints[b][1]);
        assert.ok(score < 60, `speakers ${a}/${b}: ${score}`);
      }
    }
  });

  it("is symmetric, 100 for identical audio, and loudness-independent", () => {
    const x = utterance(speaker(2), 5, { seconds: 4 });
    const quiet = x.map((v) => v * 0.2);
    assert.equal(similarity(computeVoiceprint([x]), computeVoiceprint([x])), 100);
    assert.ok(similarity(computeVoiceprint([x]), computeVoiceprint([quiet])) >= 95);
    assert.equal(similarity(prints[1][0], prints[4][2]), similarity(prints[4][2], prints[1][0]));
  });

  it("combines several recordings of one request", () => {
    const two = computeVoiceprint([utterance(speaker(6), 10, { seconds: 2 }), utterance(speaker(6), 11, { seconds: 2 })]);
    assert.ok(similarity(two, prints[6][0]) >= 90);
    assert.ok(two.speechSeconds > 2);
  });

  it("reports no speech for silence", () => {
    const vp = computeVoiceprint([new Float32Array(8000 * 2)]);
    assert.equal(vp.pitch, null);
  });
});
