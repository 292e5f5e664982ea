#!/usr/bin/env python3
"""Does a bounded lag help? Analysis for issue 3's optional fixed-lag estimate, not a feature.

A posture alert could wait a fraction of a second, so the estimate for time t - L may use the
samples up to t. The cheapest fixed-lag estimate: take the filter's estimate at t (which has seen L
more seconds of accelerometer) and turn it back to t - L with the gyroscope's rotation over those L
seconds. This script scores that, post hoc, for L = 0, 0.05, 0.125 and 0.25 s, on every BROAD trial,
from `plumbline replay --trace --sensor-latency MS` (MS as the leave-one-out fit of
bench/accuracy.py gives for most trials).

Usage (repo root, release build present):
    python3 bench/bounded_lag.py [DATA_DIR] [PLUMBLINE_BINARY]
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accuracy as A  # noqa: E402

LAGS_S = [0, 0.05, 0.125, 0.25]
LATENCY_MS = "2.188"


def rotate(q, v):
    u, w = q[..., 1:], q[..., 0:1]
    t = 2 * np.cross(u, v)
    return v + w * t + np.cross(u, t)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/imu/broad"
    binary = sys.argv[2] if len(sys.argv) > 2 else ".build-bench/release/plumbline"
    if not os.path.isdir(d):
        print(f"BROAD data not found at {d}: nothing measured.")
        return 0
    trials = sorted(f[:-4] for f in os.listdir(d) if f.endswith(".csv") and not f.endswith(".truth.csv"))
    print(f"{'trial':<46}" + "".join(f"{f'lag {lag} s':>12}" for lag in LAGS_S))
    total = np.zeros(len(LAGS_S))
    for trial in trials:
        t, gyr, _ = A.load_recording(f"{d}/{trial}.csv")
        quat, movement = A.load_truth(f"{d}/{trial}.truth.csv")
        has = ~np.isnan(quat).any(axis=1)
        up_true = np.zeros((len(t), 3))
        up_true[has] = A.up_from_quat(quat[has])
        scored = (movement == 1) & has
        up = A.run_plumbline(binary, f"{d}/{trial}.csv", ["--sensor-latency", LATENCY_MS])
        up /= np.linalg.norm(up, axis=1, keepdims=True)
        ts = float(np.median(np.diff(t)))
        theta = np.radians(gyr) * ts
        angle = np.linalg.norm(theta, axis=1, keepdims=True)
        axis = np.where(angle > 0, theta / np.maximum(angle, 1e-12), 0)
        step = np.concatenate([np.cos(angle / 2), axis * np.sin(angle / 2)], axis=1)
        orientation = np.empty((len(t), 4))  # integrated gyroscope, sensor to a drifting frame
        orientation[0] = [1, 0, 0, 0]
        for k in range(1, len(t)):
            orientation[k] = A.qmul(orientation[k - 1], step[k])
        inverse = orientation.copy()
        inverse[:, 1:] *= -1
        row = []
        for j, lag in enumerate(LAGS_S):
            n = int(round(lag / ts))
            est = up.copy()
            if n > 0:  # up(k) = R_k^T R_{k+n} up(k+n)
                est[:-n] = rotate(A.qmul(inverse[:-n], orientation[n:]), up[n:])
            r = A.inclination_rmse(est, up_true, scored)
            row.append(r)
            total[j] += r / len(trials)
        print(f"{trial:<46}" + "".join(f"{v:>12.3f}" for v in row), flush=True)
    print(f"{'mean':<46}" + "".join(f"{v:>12.3f}" for v in total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
