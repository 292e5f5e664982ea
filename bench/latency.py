#!/usr/bin/env python3
"""How far a recording's gyroscope lags its optical truth, from the angular rates alone.

For each BROAD trial: the body rate implied by consecutive truth quaternions (the rotation from
sample k to k+1, which belongs to time k + 1/2) is compared with the gyroscope read at k + 1/2 +
lag, for lags on a grid of 1/8 sample, by least squares with a constant offset per axis (the
gyroscope bias). The lag with the smallest residual is the gyroscope's latency against the truth.
Only moving samples (|gyro| > 20 deg/s) with truth on both sides count. No inclination, no filter:
the figure does not come from the score it is later used with.

Usage: bench/latency.py [DATA_DIR]    (prints one line per trial, then the median)
As a module: measure(trial_csv, truth_csv) -> lag in samples.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accuracy as A  # noqa: E402

LAGS = np.arange(0.0, 3.0001, 0.125)  # samples


def measure(recording, truth):
    """Gyroscope lag behind the truth, in samples (a multiple of 1/8)."""
    t, gyro, _ = A.load_recording(recording)
    dt = float(np.median(np.diff(t)))
    q, _ = A.load_truth(truth)
    conj = q.copy()
    conj[:, 1:] *= -1
    dq = A.qmul(conj[:-1], q[1:])
    dq[dq[:, 0] < 0] *= -1
    rate = np.degrees(2 * dq[:, 1:] / dt)  # body rate at k + 1/2, deg/s
    n = len(rate)
    idx = np.arange(n) + 0.5  # the time of rate[k], in samples
    usable = ~np.isnan(rate).any(axis=1) & (np.linalg.norm(gyro[:n], axis=1) > 20)
    usable[:8] = False
    usable[-8:] = False
    best = None
    for lag in LAGS:
        pos = idx + lag  # read the gyroscope here (linear interpolation)
        k = np.floor(pos).astype(int)
        f = pos - k
        ok = usable & (k + 1 < len(gyro))
        g = (1 - f[ok, None]) * gyro[k[ok]] + f[ok, None] * gyro[k[ok] + 1]
        r = g - rate[ok]
        r -= r.mean(axis=0)  # the bias
        cost = float(np.mean(r**2))
        if best is None or cost < best[0]:
            best = (cost, lag)
    return best[1]


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/imu/broad"
    if not os.path.isdir(d):
        print(f"BROAD data not found at {d}: nothing measured.")
        return 0
    trials = sorted(f[:-4] for f in os.listdir(d) if f.endswith(".csv") and not f.endswith(".truth.csv"))
    lags = []
    for trial in trials:
        lag = measure(os.path.join(d, trial + ".csv"), os.path.join(d, trial + ".truth.csv"))
        lags.append(lag)
        print(f"{trial:<46} gyroscope lag {lag:5.3f} samples")
    dt = 1 / 285.714
    med = float(np.median(lags))
    print(f"{'median':<46} gyroscope lag {med:5.3f} samples = {med * dt * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
