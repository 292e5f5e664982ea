#!/usr/bin/env python3
"""Inclination accuracy on the BROAD trials: Plumbline side by side with VQF and xio Fusion.

Inclination error (see ../shared/data/imu/README.md): the angle between the true up direction in the
sensor frame (earth z rotated into the sensor frame by the inverse of the truth quaternion) and the
estimated one, RMS over samples with Movement = 1 and a truth quaternion.

Usage: bench/accuracy.py DATA_DIR PLUMBLINE_BINARY [--extra NAME=ARGS ...]
Plumbline estimates come from `plumbline replay TRIAL --trace OUT.csv --filter gyro|accel`,
i.e. the same code path a user runs.

Sensor latency: the IMU's samples lag the optical truth by a few milliseconds (bench/latency.py
measures the gyroscope's lag from the rates alone). The column "+ latency" is the gyro-aided filter
with `--sensor-latency MS`, where MS is fitted for each trial on the other trials only (leave one
out: the trial scored plays no part in its own latency), so the figure stands for trials of the
dataset that are not in the folder. "vqf + latency" applies the same prediction to VQF's output.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

G = 9.80665


def load_recording(path):
    data = np.genfromtxt(path, delimiter=",", skip_header=1, usecols=range(7))
    return data[:, 0], data[:, 1:4], data[:, 4:7]


def load_truth(path):
    data = np.genfromtxt(path, delimiter=",", skip_header=1, filling_values=np.nan)
    return data[:, 1:5], data[:, 5]


def up_from_quat(q):
    """Earth z axis in the sensor frame for sensor-to-earth quaternions (w, x, y, z)."""
    w, x, y, z = q[:, 0], q[:, 1], q[:, 2], q[:, 3]
    up = np.stack([2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)], axis=1)
    return up / np.linalg.norm(up, axis=1, keepdims=True)


def qmul(p, q):
    """Hamilton product of (w, x, y, z) quaternions, row by row (any leading shape)."""
    w1, x1, y1, z1 = p[..., 0], p[..., 1], p[..., 2], p[..., 3]
    w2, x2, y2, z2 = q[..., 0], q[..., 1], q[..., 2], q[..., 3]
    return np.stack([w1 * w2 - x1 * x2 - y1 * y2 - z1 * z2, w1 * x2 + x1 * w2 + y1 * z2 - z1 * y2,
                     w1 * y2 - x1 * z2 + y1 * w2 + z1 * x2, w1 * z2 + x1 * y2 - y1 * x2 + z1 * w2], axis=-1)


def inclination_rmse(up_est, up_true, scored):
    up_est = up_est / np.linalg.norm(up_est, axis=1, keepdims=True)
    cos = np.clip(np.sum(up_est * up_true, axis=1), -1.0, 1.0)
    err = np.degrees(np.arccos(cos))[scored]
    return float(np.sqrt(np.mean(err**2)))


def run_vqf(t, gyr, acc):
    from vqf import VQF

    ts = float(np.median(np.diff(t)))
    out = VQF(ts).updateBatch(np.ascontiguousarray(np.radians(gyr)), np.ascontiguousarray(acc * G))
    return up_from_quat(out["quat6D"])


def run_fusion(t, gyr, acc):
    import imufusion

    ahrs = imufusion.Ahrs()  # default settings
    ahrs.set_sample_period(float(np.median(np.diff(t))))
    ups = np.empty((len(t), 3))
    for i in range(len(t)):
        ahrs.update_no_magnetometer(gyr[i], acc[i])
        ups[i] = ahrs.get_gravity()  # unit up direction in the sensor frame
    return ups


def run_plumbline(binary, recording, args):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "trace.csv")
        subprocess.run([binary, "replay", recording, "--trace", out] + args, check=True, stdout=subprocess.DEVNULL)
        data = np.genfromtxt(out, delimiter=",", skip_header=1, usecols=(2, 3, 4))
    return data


LAG_GRID = np.arange(0, 2.0001, 0.125)  # candidate latencies, in samples


def predict(up, gyr, lag_samples, ts):
    """The estimate predicted forward by a latency: up + (up x omega) * lag (post hoc, for fitting)."""
    up = up / np.linalg.norm(up, axis=1, keepdims=True)
    p = up + np.cross(up, np.radians(gyr)) * (lag_samples * ts)
    return p / np.linalg.norm(p, axis=1, keepdims=True)


def fit_latency(errors_by_lag, held_out):
    """The grid latency (samples) with the smallest mean RMSE over every trial but `held_out`."""
    others = np.delete(errors_by_lag, held_out, axis=0)
    return float(LAG_GRID[int(np.argmin(others.mean(axis=0)))])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir")
    parser.add_argument("plumbline")
    parser.add_argument("--extra", action="append", default=[],
                        help="extra Plumbline column NAME=space separated replay options")
    parser.add_argument("--no-reference", action="store_true", help="skip VQF and Fusion")
    opts = parser.parse_args()

    trials = sorted(f[:-4] for f in os.listdir(opts.data_dir)
                    if f.endswith(".csv") and not f.endswith(".truth.csv"))
    loaded = []
    for trial in trials:
        rec = os.path.join(opts.data_dir, trial + ".csv")
        t, gyr, acc = load_recording(rec)
        quat, movement = load_truth(os.path.join(opts.data_dir, trial + ".truth.csv"))
        has = ~np.isnan(quat).any(axis=1)
        up_true = np.zeros((len(t), 3))
        up_true[has] = up_from_quat(quat[has])
        loaded.append((rec, t, gyr, acc, up_true, (movement == 1) & has, float(np.median(np.diff(t)))))

    # The sensor latency, fitted for each trial on the other trials only (leave one out): the
    # zero-latency estimate predicted forward post hoc for each candidate, scored on those trials.
    base = [run_plumbline(opts.plumbline, rec, ["--filter", "gyro"]) for rec, *_ in loaded]
    vqf_base = [] if opts.no_reference else [run_vqf(t, g, a) for _, t, g, a, *_ in loaded]
    errors_by_lag = np.array([[inclination_rmse(predict(up, g, lag, ts), ut, sc) for lag in LAG_GRID]
                              for up, (_, _, g, _, ut, sc, ts) in zip(base, loaded)])
    lags = [fit_latency(errors_by_lag, i) for i in range(len(trials))]

    columns = [("plumbline gyro", ["--filter", "gyro"]), ("+ latency", None), ("plumbline accel", ["--filter", "accel"])]
    for extra in opts.extra:
        name, _, args = extra.partition("=")
        columns.append((name, args.split()))
    if not opts.no_reference:
        columns += [("vqf", None), ("vqf + latency", None), ("fusion", None)]

    names = [c[0] for c in columns]
    width = max(16, max(len(n) for n in names) + 1)
    print(f"{'trial':<46}" + "".join(f"{n:>{width}}" for n in names) + f"{'latency (ms)':>14}")
    table = []
    for i, (rec, t, gyr, acc, up_true, scored, ts) in enumerate(loaded):
        latency_ms = lags[i] * ts * 1000
        row = []
        for name, args in columns:
            if name == "plumbline gyro":
                up = base[i]
            elif name == "+ latency":
                up = run_plumbline(opts.plumbline, rec, ["--filter", "gyro", "--sensor-latency", f"{latency_ms:.6f}"])
            elif name == "vqf":
                up = vqf_base[i]
            elif name == "vqf + latency":
                up = predict(vqf_base[i], gyr, lags[i], ts)
            elif name == "fusion":
                up = run_fusion(t, gyr, acc)
            else:
                up = run_plumbline(opts.plumbline, rec, args)
            row.append(inclination_rmse(up, up_true, scored))
        table.append(row)
        print(f"{trials[i]:<46}" + "".join(f"{v:>{width}.3f}" for v in row) + f"{latency_ms:>14.3f}", flush=True)
    arr = np.array(table)
    print(f"{'mean':<46}" + "".join(f"{v:>{width}.3f}" for v in arr.mean(axis=0)))
    print(f"{'worst':<46}" + "".join(f"{v:>{width}.3f}" for v in arr.max(axis=0)))
    if "vqf" in names:
        v = names.index("vqf")
        for i, n in enumerate(names):
            if n.startswith("plumbline") or n == "+ latency" or i < len(names) - 3:
                print(f"largest excess over vqf, {n}: {np.max(arr[:, i] - arr[:, v]):+.3f} deg")
        i, v = names.index("+ latency"), names.index("vqf + latency")
        print(f"largest excess over vqf + latency, + latency: {np.max(arr[:, i] - arr[:, v]):+.3f} deg")
    print("latency: fitted for each trial on the other trials (leave one out), on a grid of 1/8 sample;"
          " '+ latency' is `plumbline replay --sensor-latency MS`, 'vqf + latency' the same prediction"
          " applied to VQF's output")


if __name__ == "__main__":
    sys.exit(main())
