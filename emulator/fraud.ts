// Known-fraudster screening, one home for the three places that compare a voice with the
// domain's fraudsters: duplicate detection of registration jobs, the fraud check of enrollment
// jobs, and the fraud detection result of EvaluateSession.
import type { Store } from "./store";
import { similarity, type Voiceprint } from "./voiceprint";

export interface FraudsterMatch {
  fraudsterId: string;
  /** Similarity 0-100 (the KnownFraudsterRisk score). */
  score: number;
}

/** The closest fraudster of the domain (of the given watchlists only, when given). */
export function closestFraudster(store: Store, domainId: string, voiceprint: Voiceprint, watchlistIds?: string[]): FraudsterMatch | undefined {
  let best: FraudsterMatch | undefined;
  for (const f of store.domainVoiceprints(domainId, watchlistIds)) {
    const score = similarity(voiceprint, JSON.parse(f.voiceprint) as Voiceprint);
    if (!best || score > best.score) best = { fraudsterId: f.id, score };
  }
  return best;
}
