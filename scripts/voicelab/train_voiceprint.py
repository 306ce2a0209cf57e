"""Trains the voiceprint's speaker model (emulator/voice/speakerModel.ts) and writes
emulator/voice/speakerModelData.ts. Run by scripts/train-voiceprint.sh.

Usage: train_voiceprint.py <features dir> <out.ts> <training set>...
The features dir holds the named training sets and `calibration` as
scripts/voiceprint-features.ts writes them: per voiced frame the frame vector (20 mel cepstra
and the pitch) the service computes.

The model, a classic text-independent speaker verifier (GMM supervectors with LDA):
  - a universal background model: a 512-component diagonal Gaussian mixture of all fit voices'
    frames (EM, 25 iterations, seeded start, 200,000 frames drawn with a fixed seed);
  - per recording, the mixture's means adapted to its frames (MAP, relevance factor 4), as one
    supervector scaled by each component's weight and spread;
  - a linear discriminant projection of the supervectors to 200 dimensions (within-voice scatter
    regularized by 0.5 x its mean variance), then unit length: two voices are compared by the
    cosine of their embeddings.
The training sets' voices are split: `fit` (espeak-ng variants of the narrow batches t1-t4 and
t7-t48, the wide batches w1-w8, w11-w18 and w21-w180, generator speakers 20-79, 500-699 and
740-2799) trains the model; `dev` (t5-t6, w9-w10, w19-w20, generator speakers 80-99 and
700-739), which the model never saw, and the calibration set place the score curve and chose the
constants below (the components, the dimensions, the ridge). Nothing here reads a held-out set.
"""
import base64
import json
import os
import re
import sys

import numpy as np
from scipy.optimize import brentq

COMPONENTS = 512
EM_ITERATIONS = 25
UBM_FRAMES = 200000
RELEVANCE = 4.0
LDA_DIM = 200
LDA_RIDGE = 0.5
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
        return 80 <= n < 100 or 700 <= n < 740
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


def train_lda(sv, labels):
    mean = sv.mean(0)
    voices, index = np.unique(labels, return_inverse=True)
    counts = np.bincount(index)
    voice_means = np.zeros((len(voices), sv.shape[1]))
    np.add.at(voice_means, index, sv)
    voice_means /= counts[:, None]
    sw = np.cov((sv - voice_means[index]).T)
    sw += LDA_RIDGE * np.trace(sw) / len(sw) * np.eye(len(sw))
    sb = np.cov((voice_means - mean).T)
    e, v = np.linalg.eigh(sw)
    whiten = v / np.sqrt(e)
    e2, v2 = np.linalg.eigh(whiten.T @ sb @ whiten)
    return mean, whiten @ v2[:, ::-1][:, :LDA_DIM]


def embed(sv, lda):
    mean, projection = lda
    y = (sv - mean) @ projection
    return y / np.linalg.norm(y, axis=-1, keepdims=True)


def family(voice):
    """Which maker a voice comes from: the generator, the narrow or wide new espeak-ng variants, or
    the shipped ones. Two voices of one family are the hard distinct pairs."""
    if voice.startswith("gen"):
        return "generator"
    if re.fullmatch(r"t\d+v\d+", voice):
        return "narrow"
    if re.fullmatch(r"w\d+v\d+", voice):
        return "wide"
    return "shipped"


def pair_scores(e, labels):
    """The cosines of same-voice pairs, and of distinct pairs within a family (family())."""
    c = e @ e.T
    i, j = np.triu_indices(len(labels), 1)
    voices = np.array(labels)
    families = np.array([family(v) for v in labels])
    same = voices[i] == voices[j]
    kin = families[i] == families[j]
    return c[i, j][same], c[i, j][~same & kin]


def score_curve(same, distinct):
    """Score 70 midway between the 5th percentile of same-voice cosines and the 99th of distinct
    ones (the issue's two targets), and the median same-voice pair at 90 (or as near as such a
    curve reaches, below): a logistic in the cosine, 100 at cosine 1. The distinct pairs are
    those within a family (pair_scores): pairs of two families (a generator voice and an
    espeak-ng one) are far easier, and counting them would place 70 where a set of like voices
    (every held-out set is mostly that) gets too many false matches."""
    c70 = (np.percentile(same, 5) + np.percentile(distinct, 99)) / 2
    c90 = np.median(same)
    if not c90 > c70:
        raise SystemExit(f"no gap: median same-voice cosine {c90:.3f} <= threshold {c70:.3f}")

    def score(c, mid, width):  # 100 * L(c) / L(1), L the logistic, in log space
        return 100 * np.exp(np.logaddexp(0, -(1 - mid) / width) - np.logaddexp(0, -(c - mid) / width))

    def mid_for(width):
        return brentq(lambda m: score(c70, m, width) - 70, -50, 50)

    # Score 70 is reachable at c70 only for widths under (1 - c70) / ln(1 / 0.7); the widest
    # curves tend to 100 * 0.7^((1 - c) / (1 - c70)), the flattest of the family. When even that
    # scores the median same-voice pair above 90 (the pairs sit close to cosine 1), it is taken.
    widest = 0.99 * (1 - c70) / np.log(1 / 0.7)
    if score(c90, mid_for(widest), widest) >= 90:
        width = widest
    else:
        width = brentq(lambda w: score(c90, mid_for(w), w) - 90, 1e-3, widest)
    midpoint = mid_for(width)
    return dict(midpoint=float(midpoint), width=float(width), cosine70=float(c70), cosine90=float(c90),
                medianSameScore=float(score(c90, midpoint, width)))


MODEL_TYPE = """/** The model's parameters: float32 arrays (the projection float16) in base64, sizes as numbers. */
export interface SpeakerModelData {
    components: number;
    frameDim: number;
    relevance: number;
    dims: number;
    weights: string;
    means: string;
    variances: string;
    ldaMean: string;
    projection: string;
    score: { midpoint: number; width: number };
    check: { frames: string; embedding: readonly number[] };
}
"""


def b64(a, dtype="<f4"):
    return base64.b64encode(np.ascontiguousarray(a, dtype=dtype).tobytes()).decode()


def main():
    if len(sys.argv) < 4:
        raise SystemExit("usage: train_voiceprint.py <features dir> <out.ts> <training set>...")
    features, out, training_sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    training = [r for name in training_sets for r in load(features, name)]
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
    lda_mean, projection = train_lda(fit_sv, [r["voice"] for r in fit])
    # As stored: the mean as float32, the projection (10,752 x 200 values) as float16, which halves
    # the model's size; what that costs is measured below and printed (`lowestCosineToFloat32`).
    lda = (lda_mean.astype("<f4").astype(np.float64), projection.astype("<f2").astype(np.float64))
    same, distinct = [], []
    report = {}
    for name, recs in (("dev", dev), ("calibration", calibration)):
        sv = np.array([supervector(r["frames"], ubm) for r in recs])
        e = embed(sv, lda)
        # What storing the projection as float16 costs: the embeddings' lowest cosine to float32's
        # (v10: 0.99999998 on dev and on calibration, which changes no score).
        e32 = embed(sv, (lda[0], projection))
        report[f"{name}Float16"] = dict(lowestCosineToFloat32=float(np.min(np.sum(e * e32, axis=1))))
        s, d = pair_scores(e, [r["voice"] for r in recs])
        report[name] = dict(same=len(s), distinctInFamily=len(d), same5=float(np.percentile(s, 5)), distinctInFamily99=float(np.percentile(d, 99)))
        same.append(s)
        distinct.append(d)
    curve = score_curve(np.concatenate(same), np.concatenate(distinct))
    # A check for the TypeScript port: 60 frames of a dev recording and their embedding here.
    check_frames = dev[0]["frames"][:60].astype("<f4").astype(np.float64)
    check = embed(supervector(check_frames, ubm), lda)
    w, mu, var = ubm
    model = dict(
        components=COMPONENTS, frameDim=FRAME_DIM, relevance=RELEVANCE, dims=LDA_DIM,
        weights=b64(w), means=b64(mu), variances=b64(var), ldaMean=b64(lda[0]), projection=b64(lda[1], "<f2"),
        score=dict(midpoint=round(curve["midpoint"], 6), width=round(curve["width"], 6)),
        check=dict(frames=b64(check_frames), embedding=[round(float(x), 7) for x in check]),
    )
    trained_on = dict(fitVoices=len({r["voice"] for r in fit}), fitRecordings=len(fit), devVoices=len(dev_names),
                      devRecordings=len(dev), calibrationRecordings=len(calibration), frames=int(len(all_frames)))
    header = f'''/**
 * The voiceprint's speaker model, as trained by scripts/train-voiceprint.sh
 * (scripts/voicelab/train_voiceprint.py): GENERATED, do not edit. Float32 arrays in base64
 * (little-endian; the projection float16); speakerModel.ts reads them.
 * Trained on {trained_on["fitVoices"]} voices ({trained_on["fitRecordings"]} recordings, {trained_on["frames"]} voiced frames); the score curve placed on
 * {trained_on["devVoices"]} other training voices ({trained_on["devRecordings"]} recordings) and the calibration set ({trained_on["calibrationRecordings"]}): cosine
 * {curve["cosine70"]:.4f} scores 70, {curve["cosine90"]:.4f} (the median same-voice pair) 90.
 * @module
 */
'''
    with open(out, "w") as f:
        f.write(header)
        # A declared type: the literal's own type (its base64 strings) is too long for tsc to emit.
        f.write(MODEL_TYPE)
        f.write("export const SPEAKER_MODEL: SpeakerModelData = " + json.dumps(model, indent=4) + ";\n")
    print(json.dumps(dict(trainedOn=trained_on, curve=curve, sets=report), indent=2))


if __name__ == "__main__":
    main()
