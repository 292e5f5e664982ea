#!/usr/bin/env python3
"""Inclination accuracy on the BROAD trials: Plumbline side by side with VQF and xio Fusion.

Inclination error (see ../shared/data/imu/README.md): the angle between the true up direction in the
sensor frame (earth z rotated into the sensor frame by the inverse of the truth quaternion) and the
estimated one, RMS over samples with Movement = 1 and a truth quaternion.

Usage: bench/accuracy.py DATA_DIR PLUMBLINE_BINARY [--extra NAME=ARGS ...]
Plumbline estimates come from `plumbline replay TRIAL --trace OUT.csv --filter gyro|accel`,
i.e. the same code path a user runs.
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
        subprocess.run([binary, "replay", recording, "--trace", out] + args, check=True)
        data = np.genfromtxt(out, delimiter=",", skip_header=1, usecols=(2, 3, 4))
    return data


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
    columns = [("plumbline gyro", ["--filter", "gyro"]), ("plumbline accel", ["--filter", "accel"])]
    for extra in opts.extra:
        name, _, args = extra.partition("=")
        columns.append((name, args.split()))
    if not opts.no_reference:
        columns += [("vqf", None), ("fusion", None)]

    names = [c[0] for c in columns]
    width = max(16, max(len(n) for n in names) + 1)
    print(f"{'trial':<46}" + "".join(f"{n:>{width}}" for n in names))
    table = []
    for trial in trials:
        rec = os.path.join(opts.data_dir, trial + ".csv")
        t, gyr, acc = load_recording(rec)
        quat, movement = load_truth(os.path.join(opts.data_dir, trial + ".truth.csv"))
        scored = (movement == 1) & ~np.isnan(quat).any(axis=1)
        up_true = np.zeros((len(t), 3))
        up_true[~np.isnan(quat).any(axis=1)] = up_from_quat(quat[~np.isnan(quat).any(axis=1)])
        row = []
        for name, args in columns:
            if name == "vqf":
                up = run_vqf(t, gyr, acc)
            elif name == "fusion":
                up = run_fusion(t, gyr, acc)
            else:
                up = run_plumbline(opts.plumbline, rec, args)
            row.append(inclination_rmse(up, up_true, scored))
        table.append(row)
        print(f"{trial:<46}" + "".join(f"{v:>{width}.3f}" for v in row), flush=True)
    arr = np.array(table)
    print(f"{'mean':<46}" + "".join(f"{v:>{width}.3f}" for v in arr.mean(axis=0)))
    print(f"{'worst':<46}" + "".join(f"{v:>{width}.3f}" for v in arr.max(axis=0)))
    if "vqf" in names:
        v = names.index("vqf")
        for i, n in enumerate(names):
            if n.startswith("plumbline") or i < len(names) - 2:
                print(f"largest excess over vqf, {n}: {np.max(arr[:, i] - arr[:, v]):+.3f} deg")


if __name__ == "__main__":
    sys.exit(main())
