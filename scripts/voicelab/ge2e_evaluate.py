"""Scores the voiceprint evaluation sets (scripts/gen-voice-eval.sh) with the GE2E encoder.

Usage: ge2e_evaluate.py <weights.npz> <eval dir> <set> [<set> ...]
For each set: every pair of recordings by cosine similarity of their embeddings; same-voice and
distinct-voice distributions, the equal error rate, what a threshold that keeps 99% of distinct
pairs apart matches of the same-voice pairs (issue 25's two targets at once), and the same-voice
median by how the pair differs (the generator's voices; espeak-ng voices at the same or another
pitch). Nothing is chosen here: the model and its preprocessing are resemblyzer's.
"""
import os
import sys
import time

import numpy as np

from ge2e_encoder import Encoder, read_wav


def load_set(encoder, directory):
    rows = [line.split("\t") for line in open(os.path.join(directory, "recordings.tsv")).read().strip().split("\n")[1:]]
    embeddings = np.stack([encoder.embed(*read_wav(os.path.join(directory, row[0]))) for row in rows])
    return embeddings, [row[1] for row in rows], [row[4] for row in rows]


def pct(values, p):
    return float(np.percentile(values, p))


def report(name, embeddings, voices, pitches, seconds):
    scores = embeddings @ embeddings.T
    same, distinct, by_kind = [], [], {}
    for i in range(len(voices)):
        for j in range(i + 1, len(voices)):
            if voices[i] != voices[j]:
                distinct.append(scores[i, j])
                continue
            same.append(scores[i, j])
            if voices[i].startswith("gen"):
                kind = "generator voices"
            elif pitches[i] == pitches[j]:
                kind = "espeak-ng, same pitch"
            else:
                kind = "espeak-ng, pitch %s/%s" % tuple(sorted((pitches[i], pitches[j]), key=int))
            by_kind.setdefault(kind, []).append(scores[i, j])
    same, distinct = np.array(same), np.array(distinct)
    grid = np.linspace(-1, 1, 4001)
    false_match = np.array([(distinct >= t).mean() for t in grid])
    miss = np.array([(same < t).mean() for t in grid])
    k = int(np.argmin(np.abs(false_match - miss)))
    keep99 = pct(distinct, 99)
    match95 = pct(same, 5)
    print(f"== {name}: {len(voices)} recordings, {len(same)} same-voice pairs, {len(distinct)} distinct pairs ({seconds:.1f} s to embed)")
    print(f"  same-voice cosine: min {same.min():.3f}, 5% {match95:.3f}, median {np.median(same):.3f}, max {same.max():.3f}")
    print(f"  distinct cosine:   median {np.median(distinct):.3f}, 95% {pct(distinct, 95):.3f}, 99% {keep99:.3f}, max {distinct.max():.3f}")
    print(f"  equal error rate {100 * (false_match[k] + miss[k]) / 2:.2f}% (at cosine {grid[k]:.3f})")
    print(f"  threshold keeping 99% of distinct pairs apart ({keep99:.3f}): {100 * (same >= keep99).mean():.1f}% of same-voice pairs matched (target 95%)")
    print(f"  threshold matching 95% of same-voice pairs ({match95:.3f}): {100 * (distinct < match95).mean():.1f}% of distinct pairs kept apart (target 99%)")
    for kind in sorted(by_kind):
        values = by_kind[kind]
        print(f"  same voice, {kind}: {len(values)} pairs, median {np.median(values):.3f}, min {min(values):.3f}")


def main():
    weights, directory, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    encoder = Encoder(dict(np.load(weights)))
    for name in sets:
        start = time.monotonic()
        embeddings, voices, pitches = load_set(encoder, os.path.join(directory, name))
        report(name, embeddings, voices, pitches, time.monotonic() - start)


if __name__ == "__main__":
    main()
