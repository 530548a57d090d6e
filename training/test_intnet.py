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


def isqrt_newton(n, iters):
    """onnx_graph.G.isqrt_newton in numpy, operator by operator (Div on positive int64 is the floor)."""
    m = np.maximum(n, 1)
    k = (np.int64(4) ** np.arange(1, 20, dtype=np.int64)[None, :] <= m[:, None]).astype(np.int64).sum(axis=1)
    x = (np.int64(2) ** np.arange(1, 21, dtype=np.int64))[k]
    for _ in range(iters):
        x = (x + m // x) // 2
    return x - (x * x > m).astype(np.int64)


def test_isqrt_newton():
    """The graph's Newton isqrt equals max(isqrt(n), 1) (the norm's r): every n < 2^22, the first million
    above each power of 4, squares and their neighbours, and log-uniform samples up to 2^40 - 1. Four
    steps already suffice (the graph takes five), and three do not, so the check can fail."""
    import onnx_graph
    rng = np.random.default_rng(7)
    parts = [np.arange(0, 1 << 22)]
    for k in range(1, 20):
        parts.append(np.arange(max(0, 4 ** k - 5000), min((1 << 40) - 1, 4 ** k + (1 << 20))))
    r = rng.integers(1, 1 << 20, 500_000)
    parts += [r * r, r * r - 1, r * r + 1, r * r + 2 * r, np.array([(1 << 40) - 1, (1 << 40) - 2])]
    parts.append(np.minimum((2.0 ** rng.uniform(0, 40, 2_000_000)).astype(np.int64), (1 << 40) - 1))
    n = np.concatenate(parts).astype(np.int64)
    want = np.maximum(intnet.isqrt(n), 1)
    assert onnx_graph.NEWTON_ITERS >= 4
    for it in (4, onnx_graph.NEWTON_ITERS):
        assert np.array_equal(isqrt_newton(n, it), want)
    assert not np.array_equal(isqrt_newton(n, 3), want)


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


def test_qattention_matches_written_out():
    """model.QAttention (the fused QAT attention) against the expression autograd differentiates written
    out: the same forward to the bit, gradients within float rounding (needs torch)."""
    try:
        import torch
        import model
    except ImportError as e:
        print("skip test_qattention_matches_written_out:", e)
        return
    torch.manual_seed(3)
    T, dh = 64, 16
    q, k, v = (torch.randn(6, T, dh, dtype=torch.float64, requires_grad=True) for _ in range(3))
    mask = torch.full((T, T), float("-inf"), dtype=torch.float64).triu(1)
    g = torch.randn(6, T, dh, dtype=torch.float64)
    s = (q @ k.transpose(1, 2)) / 4
    s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
    e = model.ste_round(torch.exp(s - s.amax(dim=-1, keepdim=True)) * 255)
    want = (e / e.sum(dim=-1, keepdim=True)) @ v
    want_grads = torch.autograd.grad(want, (q, k, v), g)
    got = model.QAttention.apply(q, k, v, mask, 1 / 4)
    got_grads = torch.autograd.grad(got, (q, k, v), g)
    assert torch.equal(got, want.detach())
    for a, b in zip(got_grads, want_grads):
        assert torch.allclose(a, b, rtol=1e-9, atol=1e-12)
        assert not torch.allclose(a, torch.zeros_like(a))


def test_bf16_grad_close():
    """--bf16-grad: the same forward to the bit and gradients pointing the same way as float32 ones
    (cosine 0.9999+; two different batches' gradients have about 0.3) (needs torch)."""
    try:
        import torch
        import torch.nn.functional as F
        import model
    except ImportError as e:
        print("skip test_bf16_grad_close:", e)
        return
    torch.manual_seed(5)
    c = model.Config(ctx=64, d=32, n_layer=2, n_head=2, d_ff=64, act="relu")
    m = model.ByteLM(c)
    m.set_quant(True)
    x = torch.randint(0, 256, (4, 65))
    m(x[:, :-1])  # calibrates the activation ranges, so that both runs quantise alike
    out, grads = [], []
    for on in (False, True):
        m.set_bf16_grad(on)
        m.zero_grad()
        lo = m(x[:, :-1])
        F.cross_entropy(lo.reshape(-1, 256), x[:, 1:].reshape(-1)).backward()
        out.append(lo.detach())
        grads.append(torch.cat([p.grad.flatten() for p in m.parameters()]))
    assert torch.equal(out[0], out[1])
    cos = float(grads[0] @ grads[1] / grads[0].norm() / grads[1].norm())
    assert 0.9999 < cos and not torch.equal(grads[0], grads[1]), cos


if __name__ == "__main__":
    for name, fn in sorted(globals().items()):
        if name.startswith("test_"):
            fn()
            print("ok", name)
