#!/usr/bin/python3
"""Self-checks of the integer building blocks (run: /usr/bin/python3 training/test_intnet.py).

The ONNX graph computes rshift_round with offsets (int32: + 2^30, int64: + 2^62) and unsigned or
truncating operations; these checks confirm the identities INTEGER_NETWORK.md relies on."""
import math
import os

import numpy as np

import intnet


def test_isqrt():
    rng = np.random.default_rng(1)
    n = np.concatenate([np.arange(0, 5000), rng.integers(0, 1 << 40, 20000)]).astype(np.int64)
    r = intnet.isqrt(n)
    assert np.all(r * r <= n) and np.all((r + 1) * (r + 1) > n)
    assert all(int(a) == math.isqrt(int(b)) for a, b in zip(r[:5000], n[:5000]))


def test_rshift_round_offsets():
    rng = np.random.default_rng(2)
    for s in (1, 7, 13, 22, 30):
        lim = (1 << 30) - (1 << (s - 1))
        x = rng.integers(-lim, lim, 10000).astype(np.int64)
        want = np.floor((x + 2.0 ** (s - 1)) / 2.0 ** s).astype(np.int64)
        assert np.array_equal(intnet.rshift_round(x, s), want)
        # int32 graph form: (x + 2^(s-1) + 2^30) / 2^s - 2^(30-s), dividend >= 0
        dividend = x + (1 << (s - 1)) + (1 << 30)
        assert dividend.min() >= 0 and dividend.max() < 1 << 31
        assert np.array_equal(dividend // (1 << s) - (1 << (30 - s)), want)
    for s in (30, 40, 50):
        x = rng.integers(-(1 << 60), 1 << 60, 10000).astype(np.int64)
        u = (x + (1 << (s - 1)) + (1 << 62)).astype(np.uint64) >> np.uint64(s)
        assert np.array_equal(u.astype(np.int64) - (1 << (62 - s)), intnet.rshift_round(x, s))


def test_tdiv():
    assert list(intnet.tdiv([7, -7, 7, -7], [2, 2, -2, -2])) == [3, -3, -3, 3]


def test_exp_table():
    t = intnet.exp_lut(0.01)
    assert t[0] == 255 and t[-1] == 0 and np.all(t[:-1] > 0) and np.all(np.diff(t.astype(int)) <= 0)


def test_from_weights_round_trip():
    """the checkpoint rebuilt from the shipped weights exports to the same integers (needs torch)."""
    try:
        import from_weights
    except ImportError as e:
        print("skip test_from_weights_round_trip:", e)
        return
    here = os.path.dirname(os.path.abspath(__file__))
    P = intnet.load_weights(os.path.join(here, "..", "codec-model", "src", "main", "resources", "io", "kolmo",
                                         "model", "default.weights"))
    assert from_weights.check(from_weights.rebuild(P), P) == []


if __name__ == "__main__":
    for name, fn in sorted(globals().items()):
        if name.startswith("test_"):
            fn()
            print("ok", name)
