"""The integer network: conversion from a (QAT) float model, and the pure-numpy reference evaluator.

This file is the executable form of INTEGER_NETWORK.md. Every value is an integer; every rounding is
spelled out. numpy's >> on int64 is an arithmetic shift (floor), // is floor division, and tdiv()
below is truncating division (Java's / and ONNX Runtime's integer Div).
"""
import hashlib
import math
import struct

import numpy as np

RES_BITS = 8            # residual stream unit: 2^-8
LOGIT_BITS = 8          # logit unit: 2^-8 nats
MASK = -(1 << 25)       # added to scores of future positions
ISQRT_BITS = 20         # r < 2^20 for every n the norms can see
NORM_BITS = 40          # norm reciprocal: floor(2^40 / r)
ATT_BITS = 30           # attention reciprocal: floor(2^30 / sum of weights)


def tdiv(a, b):
    """integer division truncating toward zero (Java / and ONNX Runtime Div on integers)."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    q = np.abs(a) // np.abs(b)
    return np.where((a < 0) != (b < 0), -q, q)


def rshift_round(x, s):
    """floor((x + 2^(s-1)) / 2^s): round half up. Valid for |x| < 2^62 - 2^(s-1)."""
    return (np.asarray(x, dtype=np.int64) + (1 << (s - 1))) >> s


def exp_lut(c):
    """attention weight table: E[i] = round(255 * exp(-i * c)) for i = 0 .. D, where D is the first
    index with E[D] = 0; c is the real value (nats) of one score unit."""
    out, i = [], 0
    while True:
        v = math.floor(255.0 * math.exp(-i * c) + 0.5)
        out.append(v)
        if v == 0:
            return np.array(out, dtype=np.uint8)
        i += 1


def multiplier(f):
    """f (array of positive reals) ~= M / 2^S with one shift S in [8, 30] and M < 2^15 (int64 use)."""
    f = np.asarray(f, dtype=np.float64)
    S = int(min(30, math.floor(math.log2((1 << 15) - 1) - math.log2(float(f.max())))))
    assert S >= 8, f"multiplier too large: {f.max()}"
    M = np.floor(f * (1 << S) + 0.5).astype(np.int64)
    return M, S


def multiplier32(f, accmax):
    """f ~= M / 2^S for int32 requantisation: the largest S <= 30 with
    max|acc| * max(M) + 2^(S-1) + 2^30 < 2^31, so every intermediate fits in int32."""
    f = np.asarray(f, dtype=np.float64)
    for S in range(30, 0, -1):
        M = np.floor(f * (1 << S) + 0.5).astype(np.int64)
        if int(M.max()) * accmax + (1 << (S - 1)) < 1 << 30:
            assert M.max() >= 32, f"multiplier precision too low ({M.max()})"
            return M, S
    raise AssertionError("no int32 multiplier")


def isqrt(n):
    """floor(sqrt(n)) for 0 <= n < 2^40, by 20 steps of bitwise binary search."""
    r = np.zeros_like(n)
    for b in range(ISQRT_BITS - 1, -1, -1):
        c = r + (1 << b)
        r = np.where(c * c <= n, c, r)
    return r


def from_model(model):
    """integer parameters of a trained ByteLM (its ActQ ranges must be calibrated)."""
    import torch
    c = model.c
    dh = c.d // c.n_head
    W = lambda lin: lin.weight.detach().double().numpy()  # [out, in]

    def wq(lin):
        w = W(lin)
        s = np.maximum(np.abs(w).max(axis=1), 1e-8) / 63.0
        q = np.clip(np.floor(w / s[:, None] + 0.5), -63, 63).astype(np.int8)
        return q.T.copy(), s  # [in, out], per-output scale

    sc = lambda aq: float(aq.amax) / aq.qmax
    res = 2.0 ** -RES_BITS
    P = {"d": c.d, "n_head": c.n_head, "n_layer": c.n_layer, "d_ff": c.d_ff, "ctx": c.ctx,
         "relu": int(c.act == "relu")}
    emb = lambda t: np.clip(np.floor(t.detach().double().numpy() / res + 0.5), -32768, 32767).astype(np.int32)
    P["tok"], P["pos"] = emb(model.tok.weight), emb(model.pos.weight)

    def norm_gain(norm, s_out):
        G = np.floor(16.0 * norm.g.detach().double().numpy() / s_out + 0.5).astype(np.int64)
        assert np.abs(G).max() < 1 << 20, "norm gain out of range"
        return G

    for l, b in enumerate(model.blocks):
        p = f"l{l}."
        s1 = sc(b.q_ln1)
        P[p + "ln1"] = norm_gain(b.ln1, s1)
        w, sw = wq(b.qkv)
        s_q, s_k, s_v = sc(b.q_q), sc(b.q_k), sc(b.q_v)
        tgt = np.concatenate([np.full(c.d, s_q), np.full(c.d, s_k), np.full(c.d, s_v)])
        P[p + "qkv.w"] = w
        P[p + "qkv.m"], P[p + "qkv.s"] = multiplier32(s1 * sw / tgt, c.d * 128 * 63)
        P[p + "qkv.lo"] = np.concatenate([np.full(c.d, -128), np.full(2 * c.d, -64)]).astype(np.int64)
        P[p + "qkv.hi"] = np.concatenate([np.full(c.d, 127), np.full(2 * c.d, 63)]).astype(np.int64)
        cs, sh = s_q * s_k / math.sqrt(dh), 0
        while math.log(510.0) / (cs * (1 << sh)) > 250000:  # keep the table <= 256 KB
            sh += 1
        P[p + "att.exp"], P[p + "att.sh"] = exp_lut(cs * (1 << sh)), sh
        s_att = sc(b.q_att)
        m, s = multiplier(np.array([s_v / s_att]))
        P[p + "att.m"], P[p + "att.s"] = m, s
        w, sw = wq(b.proj)
        P[p + "proj.w"] = w
        P[p + "proj.m"], P[p + "proj.s"] = multiplier32(s_att * sw / res, c.d * 128 * 63)
        s2 = sc(b.q_ln2)
        P[p + "ln2"] = norm_gain(b.ln2, s2)
        w, sw = wq(b.up)
        s_h = sc(b.q_h)
        P[p + "up.w"] = w
        P[p + "up.m"], P[p + "up.s"] = multiplier32(s2 * sw / s_h, c.d * 128 * 63)
        if c.act == "relu":
            s_g = s_h
            P[p + "up.lo"] = 0  # ReLU is the lower clip of the requantisation
        else:
            s_g = sc(b.q_g)
            P[p + "up.lo"] = -128
            x = torch.tensor((np.arange(256) - 128) * s_h, dtype=torch.float64)
            g = torch.nn.functional.gelu(x).numpy() / s_g
            P[p + "gelu"] = (np.clip(np.floor(g + 0.5), -128, 127) + 128).astype(np.uint8)
        w, sw = wq(b.down)
        P[p + "down.w"] = w
        P[p + "down.m"], P[p + "down.s"] = multiplier32(s_g * sw / res, c.d_ff * 128 * 63)
    sf = sc(model.q_lnf)
    P["lnf"] = norm_gain(model.lnf, sf)
    w, sw = wq(model.head)
    P["head.w"] = w
    P["head.m"], P["head.s"] = multiplier32(sf * sw / 2.0 ** -LOGIT_BITS, c.d * 128 * 63)
    return P


def norm(x, G, d):
    """integer RMSNorm: int64 residual [.., d] -> int8 values in [-128, 127]."""
    ss = (x * x).sum(axis=-1, keepdims=True)
    n = (ss * 256) // d
    r = np.maximum(isqrt(n), 1)
    inv = (1 << NORM_BITS) // r
    return np.clip(rshift_round(x * G * inv, NORM_BITS), -128, 127)


def imatmul(a, b):
    """exact integer matrix product (float64 BLAS is exact here: every sum stays below 2^53)."""
    return np.rint(a.astype(np.float64) @ b.astype(np.float64)).astype(np.int64)


def linear(a, w):
    """a int8 values (fed to ORT as uint8 a+128 with zero point 128), w int8 [in, out] -> exact int sums."""
    return imatmul(a, w)


def requant(acc, m, s):
    return rshift_round(acc * m, s)


def forward(P, tokens):
    """logits (int64, unit 2^-8 nats) for tokens [B, T] (T <= ctx), every position."""
    tokens = np.asarray(tokens, dtype=np.int64)
    B, T = tokens.shape
    d, H, L = P["d"], P["n_head"], P["n_layer"]
    dh = d // H
    x = P["tok"].astype(np.int64)[tokens] + P["pos"].astype(np.int64)[:T]
    x = np.clip(x, -32768, 32767)
    future = np.triu(np.ones((T, T), dtype=bool), 1)
    for l in range(L):
        p = f"l{l}."
        h = norm(x, P[p + "ln1"], d)
        y = requant(linear(h, P[p + "qkv.w"]), P[p + "qkv.m"], P[p + "qkv.s"])
        y = np.minimum(np.maximum(y, P[p + "qkv.lo"]), P[p + "qkv.hi"])
        y = y.reshape(B, T, 3, H, dh).transpose(2, 0, 3, 1, 4)  # [3, B, H, T, dh]
        q, k, v = y[0], y[1], y[2]
        s = imatmul(q, k.transpose(0, 1, 3, 2)) + np.where(future, MASK, 0)
        table = P[p + "att.exp"].astype(np.int64)
        diff = np.minimum((s.max(axis=-1, keepdims=True) - s) >> P[p + "att.sh"], len(table) - 1)
        e = table[diff]                                   # uint8 weights, [B, H, T, T]
        o = imatmul(e, v)                                 # [B, H, T, dh]
        tot = e.sum(axis=-1, keepdims=True)               # >= 255: the maximum has weight 255
        w = o * ((1 << ATT_BITS) // tot)
        a = np.clip(rshift_round(w * P[p + "att.m"], ATT_BITS + P[p + "att.s"]), -128, 127)
        a = a.transpose(0, 2, 1, 3).reshape(B, T, d)
        x = np.clip(x + requant(linear(a, P[p + "proj.w"]), P[p + "proj.m"], P[p + "proj.s"]),
                    -32768, 32767)
        h = norm(x, P[p + "ln2"], d)
        u = np.clip(requant(linear(h, P[p + "up.w"]), P[p + "up.m"], P[p + "up.s"]), P[p + "up.lo"], 127)
        g = P[p + "gelu"].astype(np.int64)[u + 128] - 128 if p + "gelu" in P else u
        x = np.clip(x + requant(linear(g, P[p + "down.w"]), P[p + "down.m"], P[p + "down.s"]),
                    -32768, 32767)
    h = norm(x, P["lnf"], d)
    return requant(linear(h, P["head.w"]), P["head.m"], P["head.s"])


def bits(logits, targets):
    """ideal code length in bits of targets under softmax(logits * 2^-8), computed in float64."""
    z = logits.astype(np.float64) * 2.0 ** -LOGIT_BITS
    z = z - z.max(axis=-1, keepdims=True)
    lse = np.log(np.exp(z).sum(axis=-1))
    t = np.take_along_axis(z, np.asarray(targets)[..., None], axis=-1)[..., 0]
    return float((lse - t).sum() / math.log(2))


DTYPES = {1: np.dtype("i1"), 2: np.dtype("u1"), 3: np.dtype("<i4"), 4: np.dtype("<i8")}


def save_weights(P, path):
    """flat little-endian weight file (INTEGER_NETWORK.md, "Weight file"): b'KOLMOW01', uint32 count,
    then per entry in name order: uint16 name length, ASCII name, uint8 dtype code, uint8 ndim,
    uint32 dims, raw data. Scalars are int64 with ndim 0."""
    code = {v: k for k, v in DTYPES.items()}
    with open(path, "wb") as f:
        f.write(b"KOLMOW01" + struct.pack("<I", len(P)))
        for k in sorted(P):
            a = np.asarray(P[k])
            if a.dtype == np.int32 or a.dtype == np.int8 or a.dtype == np.uint8:
                a = a.astype(a.dtype.newbyteorder("<"))
            else:
                a = a.astype("<i8")
            f.write(struct.pack("<H", len(k)) + k.encode("ascii"))
            f.write(struct.pack("<BB", code[np.dtype(a.dtype.str)], a.ndim))
            f.write(struct.pack(f"<{a.ndim}I", *a.shape) + a.tobytes())


def load_weights(path):
    b = open(path, "rb").read()
    assert b[:8] == b"KOLMOW01", f"{path} is not a kolmo weight file (no KOLMOW01 header)"
    (n,), o, P = struct.unpack_from("<I", b, 8), 12, {}
    for _ in range(n):
        (ln,) = struct.unpack_from("<H", b, o)
        name = b[o + 2:o + 2 + ln].decode("ascii")
        o += 2 + ln
        code, nd = struct.unpack_from("<BB", b, o)
        o += 2
        dims = struct.unpack_from(f"<{nd}I", b, o)
        o += 4 * nd
        dt = DTYPES[code]
        cnt = int(np.prod(dims)) if nd else 1
        a = np.frombuffer(b, dtype=dt, count=cnt, offset=o).reshape(dims)
        o += cnt * dt.itemsize
        P[name] = int(a) if nd == 0 else a.copy()
    return P


def model_id(path):
    """the model id is the sha256 of the weight file."""
    return hashlib.sha256(open(path, "rb").read()).hexdigest()
