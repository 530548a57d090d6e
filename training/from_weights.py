#!/usr/bin/python3
"""Rebuild a PyTorch checkpoint from an integer weight file, so training can resume from a shipped model.

Checkpoints live in the git-ignored training/work/ and machines are fresh each session, so the float
checkpoint behind the default model is usually gone. The integer network still determines a float
network exactly: every weight is its 7-bit integer times a per-channel scale, every embedding an
integer times 2^-8, every norm gain G * s / 16, and each requantisation multiplier m / 2^s fixes the
ratio of the scales around it (INTEGER_NETWORK.md). What the integers leave free is a gauge (for
example doubling the v scale and halving the projection's weights computes the same function); this
script fixes it by balancing the weight magnitudes of neighbouring layers and giving the norm gains an
RMS of 1.

The checkpoint is verified before it is written: intnet.from_model() of the rebuilt model (the
export path) must give back every integer parameter exactly, so the rebuilt model's fake-quantised
forward is the shipped network's training-side twin. Use it with train.py's --init (fresh optimizer):

  /usr/bin/python3 training/from_weights.py codec-model/src/main/resources/io/kolmo/model/default.weights \\
      training/work/from-default.pt
  /usr/bin/python3 training/train.py --out training/work/run5 --init training/work/from-default.pt ...

Only ReLU models are supported (the default model is one); a GELU model's table would also have to
give back its output scale.
"""
import argparse
import math
import sys

import numpy as np
import torch

import intnet
from model import ByteLM, Config

RES = 2.0 ** -intnet.RES_BITS


def table_scale(table):
    """the real value c of one score unit: the middle of the interval of c for which
    exp_lut(c) == table (every entry is floor(255 * exp(-j * c) + 0.5))."""
    lo, hi = 0.0, math.inf
    for j in range(1, len(table)):
        v = int(table[j])
        # 255 exp(-j c) in [v - 0.5, v + 0.5)  <=>  c in (ln(255 / (v + 0.5)) / j, ln(255 / (v - 0.5)) / j]
        lo = max(lo, math.log(255.0 / (v + 0.5)) / j)
        if v > 0:
            hi = min(hi, math.log(255.0 / (v - 0.5)) / j)
    assert lo < hi, "attention table is not an exp table"
    c = (lo + hi) / 2
    assert np.array_equal(intnet.exp_lut(c), np.asarray(table, dtype=np.uint8)), "attention table not reproduced"
    return c


def ratio32(m, s):
    """the per-channel real ratio behind an int32 multiplier: m / 2^s nudged up by a quarter unit, so
    that multiplier32 rounds back to m at shift s and still rejects shift s + 1 (its search starts at 30)."""
    return (np.asarray(m, dtype=np.float64) + 0.25) / float(1 << s)


def rebuild(P):
    if not P["relu"]:
        raise SystemExit("only ReLU models can be rebuilt (this one has GELU tables)")
    d, H, L, dff, ctx = P["d"], P["n_head"], P["n_layer"], P["d_ff"], P["ctx"]
    dh = d // H
    cfg = Config(vocab=256, ctx=ctx, d=d, n_layer=L, n_head=H, d_ff=dff, act="relu")
    model = ByteLM(cfg)
    t = lambda a: torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float32)

    def set_linear(lin, w_int, f, s_in, s_out):
        """weight [out, in] = W_int^T * s_w with s_w = f * s_out / s_in per output channel."""
        sw = f * s_out / s_in
        lin.weight.data.copy_(t(np.asarray(w_int, dtype=np.float64).T * sw[:, None]))

    def norm_scale(G):
        return 16.0 / math.sqrt(float(np.mean(np.asarray(G, dtype=np.float64) ** 2)))

    def set_norm(norm, G, s):
        norm.g.data.copy_(t(np.asarray(G, dtype=np.float64) * s / 16.0))

    def set_amax(q, s):
        q.amax.fill_(s * q.qmax)

    model.tok.weight.data.copy_(t(P["tok"] * RES))
    model.pos.weight.data.copy_(t(P["pos"] * RES))
    for l, b in enumerate(model.blocks):
        p = f"l{l}."
        s1 = norm_scale(P[p + "ln1"])
        set_norm(b.ln1, P[p + "ln1"], s1)
        f = ratio32(P[p + "qkv.m"], P[p + "qkv.s"])
        fq, fk, fv = f[:d], f[d:2 * d], f[2 * d:]
        c = table_scale(P[p + "att.exp"]) / (1 << P[p + "att.sh"])
        C = c * math.sqrt(dh)                                   # s_q * s_k
        s_q = math.sqrt(C * fk.mean() / fq.mean())               # q and k weights of equal size
        s_k = C / s_q
        m_att, S_att = int(P[p + "att.m"][0]), int(P[p + "att.s"])
        fp = ratio32(P[p + "proj.m"], P[p + "proj.s"])
        # v weights (fv s_v / s1) of the size of the projection's (fp RES / s_att, s_att = s_v 2^S / m)
        s_v = math.sqrt(fp.mean() * RES * m_att * s1 / ((1 << S_att) * fv.mean()))
        s_att = s_v * (1 << S_att) / m_att
        s_out = np.concatenate([np.full(d, s_q), np.full(d, s_k), np.full(d, s_v)])
        set_linear(b.qkv, P[p + "qkv.w"], f, s1, s_out)
        set_linear(b.proj, P[p + "proj.w"], fp, s_att, RES)
        s2 = norm_scale(P[p + "ln2"])
        set_norm(b.ln2, P[p + "ln2"], s2)
        fu = ratio32(P[p + "up.m"], P[p + "up.s"])
        fd = ratio32(P[p + "down.m"], P[p + "down.s"])
        s_h = math.sqrt(fd.mean() * RES * s2 / fu.mean())          # up and down weights of equal size
        set_linear(b.up, P[p + "up.w"], fu, s2, s_h)
        set_linear(b.down, P[p + "down.w"], fd, s_h, RES)
        for q, s in ((b.q_ln1, s1), (b.q_q, s_q), (b.q_k, s_k), (b.q_v, s_v), (b.q_att, s_att),
                     (b.q_ln2, s2), (b.q_h, s_h), (b.q_g, s_h)):
            set_amax(q, s)
    sf = norm_scale(P["lnf"])
    set_norm(model.lnf, P["lnf"], sf)
    set_amax(model.q_lnf, sf)
    set_linear(model.head, P["head.w"], ratio32(P["head.m"], P["head.s"]), sf, 2.0 ** -intnet.LOGIT_BITS)
    return model


def check(model, P):
    """the export path must give back every integer parameter of P."""
    Q = intnet.from_model(model)
    bad = []
    for k in sorted(set(P) | set(Q)):
        if k not in P or k not in Q:
            bad.append(f"{k}: only in {'the rebuilt model' if k in Q else 'the weight file'}")
        elif not np.array_equal(np.asarray(P[k]), np.asarray(Q[k])):
            diff = int(np.sum(np.asarray(P[k]) != np.asarray(Q[k])))
            bad.append(f"{k}: {diff} values differ")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("weights", help="KOLMOW01 weight file (e.g. codec-model/.../default.weights)")
    ap.add_argument("out", help="checkpoint to write (train.py --init, export.py, evaluate.py --ckpt)")
    args = ap.parse_args()
    P = intnet.load_weights(args.weights)
    model = rebuild(P)
    bad = check(model, P)
    if bad:
        print("the rebuilt model does not export to the same integers:\n  " + "\n  ".join(bad), file=sys.stderr)
        sys.exit(1)
    source = intnet.model_id(args.weights)
    torch.save({"cfg": model.c.dict(), "model": model.state_dict(), "step": 0, "elapsed": 0.0,
                "source_model_id": source}, args.out)
    print(f"{args.out}: {model.n_params()} parameters from {source}; "
          "exports to the same integers")


if __name__ == "__main__":
    main()
