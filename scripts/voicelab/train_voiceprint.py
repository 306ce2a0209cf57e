"""Trains the voiceprint's speaker model (emulator/voice/speakerModel.ts) and writes
emulator/voice/speakerModelData.ts. Run by scripts/train-voiceprint.sh.

Usage: train_voiceprint.py <features dir> <out.ts>
The features dir holds `training` and `calibration` as scripts/voiceprint-features.ts writes
them: per voiced frame the frame vector (20 mel cepstra and the pitch) the service computes.

The model, a classic text-independent speaker verifier (GMM supervectors with LDA):
  - a universal background model: a 64-component diagonal Gaussian mixture of all fit voices'
    frames (EM, 25 iterations, seeded start, 200,000 frames drawn with a fixed seed);
  - per recording, the mixture's means adapted to its frames (MAP, relevance factor 4), as one
    supervector scaled by each component's weight and spread;
  - a linear discriminant projection of the supervectors to 60 dimensions (within-voice scatter
    regularized by 1 x its mean variance), then unit length: two voices are compared by the
    cosine of their embeddings.
The training set's voices are split: `fit` (espeak-ng variants of the narrow batches t1-t4 and
the wide batches w1-w8 and w11-w18, generator speakers 20-79 and 500-699) trains the model;
`dev` (t5-t6, w9-w10, w19-w20, generator speakers 80-99 and 700-739), which the model never saw,
and the calibration set place the score curve. Nothing here reads a held-out set.
"""
import base64
import json
import os
import sys

import numpy as np
from scipy.optimize import brentq

COMPONENTS = 64
EM_ITERATIONS = 25
UBM_FRAMES = 200000
RELEVANCE = 4.0
LDA_DIM = 60
LDA_RIDGE = 1.0
SEED = 0


FRAME_DIM = 21  # emulator/voice/frameVector.ts


def load(directory, name):
    meta = json.load(open(os.path.join(directory, name + ".json")))
    raw = np.fromfile(os.path.join(directory, name + ".f32"), dtype="<f4")
    rows = raw.reshape(-1, 1 + FRAME_DIM).astype(np.float64)
    index = rows[:, 0].astype(int)
    # The writer emits each recording's frames together, in recording order: one split, not a
    # scan of every row per recording.
    if np.any(np.diff(index) < 0):
        raise SystemExit(f"{name}.f32: frames not in recording order")
    frames = np.split(rows[:, 1:], np.searchsorted(index, np.arange(1, len(meta))))
    return [dict(meta[i], frames=frames[i]) for i in range(len(meta))]



def is_dev(voice):
    """The training voices kept for placing the score curve (and for choosing the constants above)."""
    if voice.startswith("gen"):
        n = int(voice[3:])
        return 80 <= n < 100 or n >= 700
    return voice.startswith(("t5v", "t6v", "w9v", "w10v", "w19v", "w20v"))


def log_likelihoods(x, ubm):
    w, mu, var = ubm
    return (np.log(w) - 0.5 * np.sum(np.log(2 * np.pi * var), 1)
            - 0.5 * ((x * x) @ (1 / var).T - 2 * x @ (mu / var).T + np.sum(mu * mu / var, 1)))


def posteriors(x, ubm):
    ll = log_likelihoods(x, ubm)
    g = np.exp(ll - ll.max(1, keepdims=True))
    return g / g.sum(1, keepdims=True)


def train_ubm(frames, rng):
    mu = frames[rng.choice(len(frames), COMPONENTS, replace=False)].copy()
    floor = 0.01 * frames.var(0)
    ubm = (np.full(COMPONENTS, 1.0 / COMPONENTS), mu, np.tile(frames.var(0), (COMPONENTS, 1)))
    for _ in range(EM_ITERATIONS):
        g = posteriors(frames, ubm)
        n = g.sum(0) + 1e-6
        mu = (g.T @ frames) / n[:, None]
        var = np.maximum((g.T @ (frames * frames)) / n[:, None] - mu * mu, floor)
        ubm = (n / n.sum(), mu, var)
    return ubm


def supervector(x, ubm):
    w, mu, var = ubm
    g = posteriors(x, ubm)
    n = g.sum(0)
    adapted = (g.T @ x + RELEVANCE * mu) / (n + RELEVANCE)[:, None]
    return (np.sqrt(w)[:, None] * (adapted - mu) / np.sqrt(var)).ravel()


def within(x, labels):
    out = x.copy()
    for label in set(labels):
        rows = np.array([l == label for l in labels])
        out[rows] -= x[rows].mean(0)
    return out


def train_lda(sv, labels):
    mean = sv.mean(0)
    sw = np.cov(within(sv, labels).T)
    sw += LDA_RIDGE * np.trace(sw) / len(sw) * np.eye(len(sw))
    voice_means = np.array([sv[[l == v for l in labels]].mean(0) for v in sorted(set(labels))])
    sb = np.cov((voice_means - mean).T)
    e, v = np.linalg.eigh(sw)
    whiten = v / np.sqrt(e)
    e2, v2 = np.linalg.eigh(whiten.T @ sb @ whiten)
    return mean, whiten @ v2[:, ::-1][:, :LDA_DIM]


def embed(sv, lda):
    mean, projection = lda
    y = (sv - mean) @ projection
    return y / np.linalg.norm(y, axis=-1, keepdims=True)


def pair_scores(e, labels):
    c = e @ e.T
    i, j = np.triu_indices(len(labels), 1)
    same = np.array([labels[a] == labels[b] for a, b in zip(i, j)])
    return c[i, j][same], c[i, j][~same]


def score_curve(same, distinct):
    """Score 70 midway between the 5th percentile of same-voice cosines and the 99th of distinct
    ones (the issue's two targets), and the median same-voice pair at 90: a logistic in the
    cosine, 100 at cosine 1."""
    c70 = (np.percentile(same, 5) + np.percentile(distinct, 99)) / 2
    c90 = np.median(same)
    if not c90 > c70:
        raise SystemExit(f"no gap: median same-voice cosine {c90:.3f} <= threshold {c70:.3f}")

    def score(c, mid, width):  # 100 * L(c) / L(1), L the logistic, in log space
        return 100 * np.exp(np.logaddexp(0, -(1 - mid) / width) - np.logaddexp(0, -(c - mid) / width))

    def mid_for(width):
        return brentq(lambda m: score(c70, m, width) - 70, -50, 50)

    # Score 70 is reachable at c70 only for widths under (1 - c70) / ln(1 / 0.7).
    width = brentq(lambda w: score(c90, mid_for(w), w) - 90, 1e-3, 0.999 * (1 - c70) / np.log(1 / 0.7))
    return dict(midpoint=float(mid_for(width)), width=float(width), cosine70=float(c70), cosine90=float(c90))


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode()


def main():
    features, out = sys.argv[1], sys.argv[2]
    training = load(features, "training")
    calibration = load(features, "calibration")
    dev_names = {r["voice"] for r in training if is_dev(r["voice"])}
    fit = [r for r in training if r["voice"] not in dev_names]
    dev = [r for r in training if r["voice"] in dev_names]
    rng = np.random.default_rng(SEED)
    all_frames = np.vstack([r["frames"] for r in fit])
    ubm = train_ubm(all_frames[rng.choice(len(all_frames), min(UBM_FRAMES, len(all_frames)), replace=False)], rng)
    # What the service computes from: the parameters as float32, as stored.
    ubm = tuple(a.astype("<f4").astype(np.float64) for a in ubm)
    fit_sv = np.array([supervector(r["frames"], ubm) for r in fit])
    lda = tuple(a.astype("<f4").astype(np.float64) for a in train_lda(fit_sv, [r["voice"] for r in fit]))
    same, distinct = [], []
    report = {}
    for name, recs in (("dev", dev), ("calibration", calibration)):
        e = embed(np.array([supervector(r["frames"], ubm) for r in recs]), lda)
        s, d = pair_scores(e, [r["voice"] for r in recs])
        report[name] = dict(same=len(s), distinct=len(d), same5=float(np.percentile(s, 5)), distinct99=float(np.percentile(d, 99)))
        same.append(s)
        distinct.append(d)
    curve = score_curve(np.concatenate(same), np.concatenate(distinct))
    # A check for the TypeScript port: 60 frames of a dev recording and their embedding here.
    check_frames = dev[0]["frames"][:60].astype("<f4").astype(np.float64)
    check = embed(supervector(check_frames, ubm), lda)
    w, mu, var = ubm
    model = dict(
        components=COMPONENTS, frameDim=FRAME_DIM, relevance=RELEVANCE, dims=LDA_DIM,
        weights=b64(w), means=b64(mu), variances=b64(var), ldaMean=b64(lda[0]), projection=b64(lda[1]),
        score=dict(midpoint=round(curve["midpoint"], 6), width=round(curve["width"], 6)),
        check=dict(frames=b64(check_frames), embedding=[round(float(x), 7) for x in check]),
    )
    trained_on = dict(fitVoices=len({r["voice"] for r in fit}), fitRecordings=len(fit), devVoices=len(dev_names),
                      devRecordings=len(dev), calibrationRecordings=len(calibration), frames=int(len(all_frames)))
    header = f'''/**
 * The voiceprint's speaker model, as trained by scripts/train-voiceprint.sh
 * (scripts/voicelab/train_voiceprint.py): GENERATED, do not edit. Float32 arrays in base64
 * (little-endian); speakerModel.ts reads them.
 * Trained on {trained_on["fitVoices"]} voices ({trained_on["fitRecordings"]} recordings, {trained_on["frames"]} voiced frames); the score curve placed on
 * {trained_on["devVoices"]} other training voices ({trained_on["devRecordings"]} recordings) and the calibration set ({trained_on["calibrationRecordings"]}): cosine
 * {curve["cosine70"]:.4f} scores 70, {curve["cosine90"]:.4f} (the median same-voice pair) 90.
 * @module
 */
'''
    with open(out, "w") as f:
        f.write(header)
        f.write("export const SPEAKER_MODEL = " + json.dumps(model, indent=4) + " as const;\n")
    print(json.dumps(dict(trainedOn=trained_on, curve=curve, sets=report), indent=2))


if __name__ == "__main__":
    main()
