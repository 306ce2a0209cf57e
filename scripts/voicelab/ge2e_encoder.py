"""resemblyzer's GE2E speaker encoder in numpy (no PyTorch, no librosa).

Follows resemblyzer 0.1.4 (`audio.py`, `voice_encoder.py`, `hparams.py`): 16 kHz audio, volume
raised to -30 dBFS (never lowered), a 40-band mel power spectrogram (25 ms Hann window, 10 ms hop,
librosa's Slaney mel filters and centred, zero-padded frames), partial utterances of 160 frames
at 1.3 per second (the last kept if it covers 75%), each through the 3-layer LSTM (256 units);
the last layer's final state -> linear -> ReLU -> L2 norm; the utterance embedding is the
L2-normed mean of the partials' embeddings. Two differences, both stated where the results are
reported: the 8 kHz recordings are resampled with scipy's polyphase filter (resemblyzer uses
librosa's soxr), and resemblyzer's webrtcvad trimming of long pauses is left out (the
evaluation's recordings have no leading or trailing silence and short pauses).
"""
import wave

import numpy as np
from scipy.signal import resample_poly

SAMPLE_RATE = 16000
N_FFT = 400  # 25 ms
HOP = 160  # 10 ms
N_MELS = 40
PARTIAL_FRAMES = 160
PARTIALS_PER_SECOND = 1.3
MIN_COVERAGE = 0.75
TARGET_DBFS = -30
HIDDEN = 256
LAYERS = 3
INT16_MAX = 2**15 - 1


def read_wav(path):
    """Mono PCM-16 WAV -> (float32 samples in [-1, 1], sample rate)."""
    with wave.open(path, "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise ValueError(f"{path}: expected mono 16-bit PCM")
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return data.astype(np.float32) / 32768.0, w.getframerate()


def preprocess(samples, rate):
    if rate != SAMPLE_RATE:
        g = np.gcd(rate, SAMPLE_RATE)
        samples = resample_poly(samples, SAMPLE_RATE // g, rate // g).astype(np.float32)
    rms = np.sqrt(np.mean((samples * INT16_MAX) ** 2))
    change = TARGET_DBFS - 20 * np.log10(rms / INT16_MAX)
    return samples * (10 ** (change / 20)) if change > 0 else samples


def _hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    mel = f / (200.0 / 3)
    log = f >= 1000.0
    return np.where(log, 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / (np.log(6.4) / 27.0), mel)


def _mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    f = m * (200.0 / 3)
    log = m >= 15.0
    return np.where(log, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)), f)


def mel_filters():
    """librosa.filters.mel(sr=16000, n_fft=400, n_mels=40): Slaney scale and area norm."""
    fft_freqs = np.linspace(0, SAMPLE_RATE / 2, 1 + N_FFT // 2)
    mel_f = _mel_to_hz(np.linspace(_hz_to_mel(0), _hz_to_mel(SAMPLE_RATE / 2), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_f[2 : N_MELS + 2] - mel_f[:N_MELS]))[:, None]
    return weights.astype(np.float32)


MEL = mel_filters()
WINDOW = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)  # periodic Hann


def mel_spectrogram(samples):
    """(frames, 40) mel power spectrogram, frames centred (zero padding of n_fft/2 each side)."""
    padded = np.pad(samples, (N_FFT // 2, N_FFT // 2))
    count = 1 + (len(padded) - N_FFT) // HOP
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(count)[:, None]
    power = np.abs(np.fft.rfft(padded[idx] * WINDOW, axis=1)) ** 2
    return (power @ MEL.T).astype(np.float32)


def partial_slices(n_samples):
    n_frames = int(np.ceil((n_samples + 1) / HOP))
    step = int(np.round((SAMPLE_RATE / PARTIALS_PER_SECOND) / HOP))
    starts = list(range(0, max(1, n_frames - PARTIAL_FRAMES + step + 1), step))
    coverage = (n_samples - starts[-1] * HOP) / (PARTIAL_FRAMES * HOP)
    if coverage < MIN_COVERAGE and len(starts) > 1:
        starts = starts[:-1]
    return starts


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


class Encoder:
    def __init__(self, weights):
        self.w = weights
        expected = {"lstm.weight_ih_l0": (4 * HIDDEN, N_MELS), "linear.weight": (HIDDEN, HIDDEN)}
        for name, shape in expected.items():
            if weights[name].shape != shape:
                raise ValueError(f"{name}: shape {weights[name].shape}, expected {shape}")

    def _partials(self, mels):
        x = mels
        for layer in range(LAYERS):
            wi = self.w[f"lstm.weight_ih_l{layer}"]
            wh = self.w[f"lstm.weight_hh_l{layer}"]
            bias = self.w[f"lstm.bias_ih_l{layer}"] + self.w[f"lstm.bias_hh_l{layer}"]
            batch, steps, _ = x.shape
            h = np.zeros((batch, HIDDEN), np.float32)
            c = np.zeros((batch, HIDDEN), np.float32)
            pre = x @ wi.T + bias
            out = np.empty((batch, steps, HIDDEN), np.float32)
            for t in range(steps):
                g = pre[:, t] + h @ wh.T  # gates in torch's order: input, forget, cell, output
                i, f = _sigmoid(g[:, :HIDDEN]), _sigmoid(g[:, HIDDEN : 2 * HIDDEN])
                cell, o = np.tanh(g[:, 2 * HIDDEN : 3 * HIDDEN]), _sigmoid(g[:, 3 * HIDDEN :])
                c = f * c + i * cell
                h = o * np.tanh(c)
                out[:, t] = h
            x = out
        e = np.maximum(h @ self.w["linear.weight"].T + self.w["linear.bias"], 0)
        return e / np.linalg.norm(e, axis=1, keepdims=True)

    def embed(self, samples, rate):
        """The utterance embedding (256 values, non-negative, unit length)."""
        wav = preprocess(samples, rate)
        starts = partial_slices(len(wav))
        end = (starts[-1] + PARTIAL_FRAMES) * HOP
        if end >= len(wav):
            wav = np.pad(wav, (0, end - len(wav)))
        mel = mel_spectrogram(wav)
        partials = self._partials(np.stack([mel[s : s + PARTIAL_FRAMES] for s in starts]))
        mean = partials.mean(axis=0)
        return mean / np.linalg.norm(mean)
