"""Build the integer-only ONNX graphs (opset 17) of the network in intnet.py.

Two graphs share every weight:
  full: bytes int32 [B, N]                                   -> logits int32 [B, N, 256],
        present_k int8 [L, B, H, N, dh], present_v int8 [L, B, H, N, dh]
  step: bytes int32 [B, N], past_k/past_v int8 [L, B, H, P, dh] -> logits [B, N, 256],
        present_k/present_v [L, B, H, P + N, dh]
Positions are P .. P+N-1 (P = 0 in the full graph); P + N must not exceed the context length.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import intnet

OPSET = 17
NEWTON_ITERS = 5


class G:
    def __init__(self):
        self.nodes, self.inits, self.consts, self.n = [], [], {}, 0

    def name(self, p="t"):
        self.n += 1
        return f"{p}{self.n}"

    def init(self, name, arr):
        self.inits.append(numpy_helper.from_array(np.array(arr, order="C"), name))
        return name

    def c(self, v, dtype):
        key = (dtype, np.asarray(v).shape, np.asarray(v, dtype=dtype).tobytes())
        if key not in self.consts:
            self.consts[key] = self.init(self.name("c"), np.asarray(v, dtype=dtype))
        return self.consts[key]

    def op(self, t, ins, n_out=1, **attrs):
        outs = [self.name(t.lower()) for _ in range(n_out)]
        self.nodes.append(helper.make_node(t, ins, outs, name=self.name("n"), **attrs))
        return outs[0] if n_out == 1 else outs

    # --- integer helpers (see INTEGER_NETWORK.md for the semantics each one implements)
    #
    # Rounding shifts use ONNX Div (truncating) on a dividend made non-negative by an offset that is a
    # multiple of the divisor, so truncation is a floor. Where the result is clipped to a lower bound
    # that is >= 0 after the offset (the uint8 operands of MatMulInteger, value + 128), the offset may be
    # small: if the offset dividend is negative, Div gives a value <= 0 <= the lower bound, and so does
    # the floor, so both clip to the lower bound (see `requant_clip`).

    def clip(self, x, lo, hi, dtype):
        """Clip with scalar bounds (one pass instead of Max + Min)."""
        return self.op("Clip", [x, self.c(lo, dtype), self.c(hi, dtype)])

    def requant32(self, acc32, m, s, key):
        """rshift_round(acc * m, s) in int32 without clip: floor((acc * m + 2^(s-1) + 2^30) / 2^s) - 2^(30-s)
        (Div, or with shift32 an unsigned BitShift of the non-negative offset value).
        The exporter chose m and s so that |acc| * m + 2^(s-1) + 2^30 < 2^31 (intnet.multiplier32).
        Returns (value + 2^(30-s), 2^(30-s)): the caller removes the offset (folded into the residual add)."""
        x = self.op("Mul", [acc32, self.init(key + ".m", np.asarray(m, dtype=np.int32))])
        x = self.op("Add", [x, self.c((1 << (s - 1)) + (1 << 30), np.int32)])
        if self.shift32:  # non-negative int32: unsigned shift
            x = self.op("BitShift", [self.op("Cast", [x], to=TensorProto.UINT32), self.c(s, np.uint32)],
                        direction="RIGHT")
            return self.op("Cast", [x], to=TensorProto.INT32), 1 << (30 - s)
        return self.op("Div", [x, self.c(1 << s, np.int32)]), 1 << (30 - s)

    def requant_clip(self, acc, m, s, key, zp, lo, hi, accmax, dtype=np.int32, to=TensorProto.UINT8):
        """Cast(clip(rshift_round(acc * m, s), lo, hi) + zp, to) with lo + zp >= 0 and scalar lo, hi, zp.
        div:   Clip(trunc((acc * m + 2^(s-1) + zp * 2^s) / 2^s), lo + zp, hi + zp)
        shift: clip before the shift (floor is monotone): acc * m is clipped to
               [lo * 2^s - 2^(s-1), (hi + 1) * 2^s - 1 - 2^(s-1)], so the dividend
               acc * m + 2^(s-1) + zp * 2^s lies in [(lo + zp) * 2^s, (hi + zp + 1) * 2^s - 1], non-negative:
               an unsigned BitShift (cheaper than integer Div in ONNX Runtime) is the floor."""
        assert lo + zp >= 0
        if dtype == np.int32:
            assert accmax * int(np.max(m)) + (1 << (s - 1)) + zp * (1 << s) < 1 << 31
        x = self.op("Mul", [acc, m if isinstance(m, str) else self.init(key + ".m", np.asarray(m, dtype=dtype))])
        h = 1 << (s - 1)
        if self.shift:
            x = self.clip(x, lo * (1 << s) - h, (hi + 1) * (1 << s) - 1 - h, dtype)
            x = self.op("Add", [x, self.c(h + zp * (1 << s), dtype)])
            ut, un = (TensorProto.UINT32, np.uint32) if dtype == np.int32 else (TensorProto.UINT64, np.uint64)
            x = self.op("BitShift", [self.op("Cast", [x], to=ut), self.c(s, un)], direction="RIGHT")
            return self.op("Cast", [x], to=to)
        x = self.op("Add", [x, self.c(h + zp * (1 << s), dtype)])
        x = self.op("Div", [x, self.c(1 << s, dtype)])
        return self.op("Cast", [self.clip(x, lo + zp, hi + zp, dtype)], to=to)

    def isqrt(self, n, bits=intnet.ISQRT_BITS, digit=5):
        """floor(sqrt(n)) for 0 <= n < 2^(2 * bits), `digit` bits per step: the next digit is the number
        of candidates r + j * 2^b (j = 1 .. 2^digit - 1) with square <= n (squares increase with j),
        which is the same value as the spec's bitwise search."""
        r, b = None, bits
        while b > 0:
            k = min(digit, b)
            b -= k
            j = (np.arange(1, 1 << k, dtype=np.int64) << b)
            if r is None:
                le = self.op("LessOrEqual", [self.c(j * j, np.int64), n])     # [.., 2^k - 1]
            else:
                c = self.op("Add", [r, self.c(j, np.int64)])
                le = self.op("LessOrEqual", [self.op("Mul", [c, c]), n])
            inc = self.op("ReduceSum", [self.op("Where", [le, self.c(1 << b, np.int64), self.c(0, np.int64)]),
                                        self.c([-1], np.int64)], keepdims=1)
            r = inc if r is None else self.op("Add", [r, inc])
        return r

    def isqrt_newton(self, n, iters=NEWTON_ITERS):
        """max(floor(sqrt(n)), 1) for 0 <= n < 4^20 by integer Newton steps on m = max(n, 1) (isqrt(m) is
        that value). Start: x = 2^(k+1) with 4^k <= m < 4^(k+1) (k = how many of 4^1 .. 4^19 are <= m), so
        sqrt(m) < x <= 2 sqrt(m). Each step x = floor((x + floor(m / x)) / 2) stays >= floor(sqrt(m)) and at
        most the real Newton iterate, whose relative error goes 1 -> 1/4 -> 2.5e-2 -> 3.1e-4 -> 4.7e-8: after
        four steps x < sqrt(m) + 0.05 (m < 2^40), so x is r or r + 1, and x - (x * x > m) is r. Five
        steps for margin; tools: training/test_intnet.py checks this formula against the bitwise search."""
        m = self.op("Max", [n, self.c(1, np.int64)])
        quarters = np.int64(4) ** np.arange(1, 20, dtype=np.int64)
        le = self.op("Cast", [self.op("LessOrEqual", [self.c(quarters, np.int64), m])], to=TensorProto.INT64)
        k = self.op("ReduceSum", [le, self.c([-1], np.int64)], keepdims=1)
        x = self.op("Gather", [self.c(np.int64(2) ** np.arange(1, 21, dtype=np.int64), np.int64), k], axis=0)
        for _ in range(iters):
            x = self.op("Div", [self.op("Add", [x, self.op("Div", [m, x])]), self.c(2, np.int64)])
        over = self.op("Cast", [self.op("Greater", [self.op("Mul", [x, x]), m])], to=TensorProto.INT64)
        return self.op("Sub", [x, over])

    def norm(self, x32, G, d, key):
        """integer RMSNorm of the int32 residual [.., d] -> uint8 (value + 128)."""
        x = self.op("Cast", [x32], to=TensorProto.INT64)
        ss = self.op("ReduceSumSquare", [x], axes=[-1], keepdims=1)
        if 256 % d == 0:
            n = self.op("Mul", [ss, self.c(256 // d, np.int64)])
        else:
            n = self.op("Div", [self.op("Mul", [ss, self.c(256, np.int64)]), self.c(d, np.int64)])
        if self.newton:
            r = self.isqrt_newton(n)
        else:
            r = self.op("Max", [self.isqrt(n), self.c(1, np.int64)])
        inv = self.op("Div", [self.c(1 << intnet.NORM_BITS, np.int64), r])
        num = self.op("Mul", [x, self.init(key, np.asarray(G, dtype=np.int64))])
        return self.requant_clip(num, inv, intnet.NORM_BITS, key, 128, -128, 127, None, np.int64)

    def mmi(self, a_u8, w_name, zp=True):
        return self.op("MatMulInteger", [a_u8, w_name, self.c(128, np.uint8)] if zp else [a_u8, w_name])


def build(P, step: bool, metadata: dict, lookup="gather_elements", split_att=True, shift=True,
          shift32=True, blocks=2, newton=True, qkv_shift=True, first_input=True):
    """The ONNX model. The keyword options select equivalent formulations (all compute the same integers;
    the defaults were the fastest in ONNX Runtime 1.20 CPU, see GraphBench.java):
    lookup: "gather_elements" or "gather" for the attention table (full graph path);
    split_att: step graph scores cached and new keys separately (no per-layer K/V concatenation);
    shift: clipped requantisations by clip + unsigned BitShift instead of Div;
    shift32: unclipped int32 requantisations (proj, down, head) by unsigned BitShift too;
    blocks: 2 = two causal query blocks for the new keys (3/4 of the N x N attention work; step graph);
    newton: the norms' isqrt by integer Newton steps (else by a digit search, 31 candidates per 5 bits);
    qkv_shift: q/k/v requantised by clip + unsigned BitShift straight to uint8 (else by Div in int32);
    first_input: an int64 scalar input `first` (0 <= first < N): logits only for new positions
    first .. N-1, so the last layer's attention and feed-forward, the final norm and the head skip the
    rows nobody reads (the caches still hold every position)."""
    g = G()
    g.shift, g.shift32, g.newton = shift, shift32, newton
    d, H, L, ctx = P["d"], P["n_head"], P["n_layer"], P["ctx"]
    dh = d // H
    I64, I32 = np.int64, np.int32
    inputs = [helper.make_tensor_value_info("bytes", TensorProto.INT32, ["batch", "n"])]
    if step:
        for nm in ("past_k", "past_v"):
            inputs.append(helper.make_tensor_value_info(nm, TensorProto.INT8, [L, "batch", H, "past", dh]))
    if first_input:
        inputs.append(helper.make_tensor_value_info("first", TensorProto.INT64, []))
        first1 = g.op("Unsqueeze", ["first", g.c([0], I64)])   # [1], for Slice

        def rows_from(t, axis):
            """t from index `first` on along `axis` (the rows whose logits are asked for)."""
            return g.op("Slice", [t, first1, g.c([1 << 62], I64), g.c([axis], I64)])
    shape = g.op("Shape", ["bytes"])
    N = g.op("Gather", [shape, g.c(1, I64)], axis=0)
    if step:
        Pn = g.op("Gather", [g.op("Shape", ["past_k"]), g.c(3, I64)], axis=0)
    else:
        Pn = g.c(0, I64)
    end = g.op("Add", [Pn, N])
    pos = g.op("Range", [Pn, end, g.c(1, I64)])
    tok = g.init("tok", P["tok"].astype(np.int32))
    pos_t = g.init("pos", P["pos"].astype(np.int32))
    # residual stream in int32 (values within int16)
    x = g.clip(g.op("Add", [g.op("Gather", [tok, "bytes"], axis=0), g.op("Gather", [pos_t, pos], axis=0)]),
               -32768, 32767, I32)
    if not (step and split_att):
        # causal bias [N, P+N]: MASK where key index > query position
        cols = g.op("Range", [g.c(0, I64), end, g.c(1, I64)])
        rows = g.op("Unsqueeze", [pos, g.c([1], I64)])
        bias = g.op("Where", [g.op("Greater", [cols, rows]), g.c(intnet.MASK, np.int32), g.c(0, np.int32)])
    pk, pv, newk, newv = [], [], [], []
    if step and split_att:
        nr = g.op("Range", [g.c(0, I64), N, g.c(1, I64)])
        bias_new = g.op("Where", [g.op("Greater", [nr, g.op("Unsqueeze", [nr, g.c([1], I64)])]),
                                  g.c(intnet.MASK, np.int32), g.c(0, np.int32)])
        ones_p = g.op("ConstantOfShape", [g.op("Concat", [g.op("Unsqueeze", [Pn, g.c([0], I64)]), g.c([1], I64)],
                                                   axis=0)], value=helper.make_tensor("one", TensorProto.INT8, [1], [1]))
        has_past = g.op("Cast", [g.op("Min", [Pn, g.c(1, I64)])], to=TensorProto.INT32)
        if blocks == 2:
            z1, big1 = g.c([0], I64), g.c([1 << 62], I64)
            h1 = g.op("Unsqueeze", [g.op("Div", [g.op("Add", [N, g.c(1, I64)]), g.c(2, I64)]), g.c([0], I64)])
            bias1 = g.op("Slice", [bias_new, g.c([0, 0], I64), g.op("Concat", [h1, h1], axis=0), g.c([0, 1], I64)])
            bias2 = g.op("Slice", [bias_new, h1, big1, g.c([0], I64)])
        pastk = g.op("Split", ["past_k"], n_out=L, axis=0)
        pastv = g.op("Split", ["past_v"], n_out=L, axis=0)
        if L == 1:
            pastk, pastv = [pastk], [pastv]

    def residual(x, acc, key):
        r, off = g.requant32(acc, P[key + ".m"], P[key + ".s"], key)
        # clip(x + r - off) = clip(x + r, lo + off, hi + off) - off
        return g.op("Sub", [g.clip(g.op("Add", [x, r]), -32768 + off, 32767 + off, I32), g.c(off, I32)])

    for l in range(L):
        p = f"l{l}."
        h = g.norm(x, P[p + "ln1"], d, p + "ln1")
        # qkv: q as value + 128 (uint8 A operand), k and v as values (int8 B operands)
        s = P[p + "qkv.s"]
        zp = np.concatenate([np.full(d, 128), np.zeros(2 * d, dtype=np.int64)])
        acc = g.mmi(h, g.init(p + "qkv.w", P[p + "qkv.w"]))
        y = g.op("Mul", [acc, g.init(p + "qkv.m", np.asarray(P[p + "qkv.m"], dtype=np.int32))])
        lo, hi = np.asarray(P[p + "qkv.lo"], dtype=np.int64), np.asarray(P[p + "qkv.hi"], dtype=np.int64)
        if qkv_shift:
            # every column as value + 128 in uint8 (requant_clip with per-channel bounds): clip the product
            # to [lo * 2^s - 2^(s-1), (hi + 1) * 2^s - 1 - 2^(s-1)], add 2^(s-1) + 128 * 2^s (now >= 0),
            # unsigned shift (the floor); q + 128 is the uint8 A operand, k and v get their 128 back below
            hs = 1 << (s - 1)
            assert 128 * 128 * 63 * int(np.max(P[p + "qkv.m"])) + hs + (128 << s) < 1 << 31
            y = g.op("Max", [y, g.c(lo * (1 << s) - hs, I32)])
            y = g.op("Min", [y, g.c((hi + 1) * (1 << s) - 1 - hs, I32)])
            y = g.op("Add", [y, g.c(hs + (128 << s), I32)])
            y = g.op("BitShift", [g.op("Cast", [y], to=TensorProto.UINT32), g.c(s, np.uint32)], direction="RIGHT")
            y = g.op("Cast", [y], to=TensorProto.UINT8)
        else:
            y = g.op("Add", [y, g.c((1 << (s - 1)) + (1 << 30), I32)])
            y = g.op("Div", [y, g.c(1 << s, I32)])
            y = g.op("Max", [y, g.c(lo + (1 << (30 - s)), I32)])
            y = g.op("Min", [y, g.c(hi + (1 << (30 - s)), I32)])
            y = g.op("Sub", [y, g.c((1 << (30 - s)) - zp, I32)])
        # [B, N, 3d] -> [3, B, H, N, dh], one transpose, then split
        y = g.op("Transpose", [g.op("Reshape", [y, g.c([0, 0, 3, H, dh], I64)])], perm=[2, 0, 3, 1, 4])
        q, k, v = g.op("Split", [y], n_out=3, axis=0)
        q = g.op("Squeeze", [q, g.c([0], I64)])
        k = g.op("Squeeze", [k, g.c([0], I64)])
        v = g.op("Squeeze", [v, g.c([0], I64)])
        if qkv_shift:
            k, v = (g.op("Cast", [g.op("Sub", [g.op("Cast", [t], to=TensorProto.INT32), g.c(128, I32)])],
                          to=TensorProto.INT8) for t in (k, v))
        else:
            q = g.op("Cast", [q], to=TensorProto.UINT8)  # q + 128
            k = g.op("Cast", [k], to=TensorProto.INT8)
            v = g.op("Cast", [v], to=TensorProto.INT8)
        table = P[p + "att.exp"]
        sh = P[p + "att.sh"]
        tabs = {}
        # the last layer only needs the queries (and residual rows) of the positions whose logits are out
        cut = first_input and l == L - 1

        def tab(elements):
            if elements not in tabs:
                tabs[elements] = g.init(p + "att.exp" + ("" if not tabs else ".2"),
                                        table.reshape(1, -1) if elements else table)
            return tabs[elements]

        def lookup_e(sc, mx, elements):
            """e = att.exp[min((mx - s) >> sh, D)] as uint8."""
            diff = g.op("Sub", [mx, sc])
            if sh:  # coarser score steps: floor shift of the non-negative difference
                diff = g.op("Div", [diff, g.c(1 << sh, I32)])
            diff = g.op("Min", [diff, g.c(len(table) - 1, I32)])
            if elements:
                # GatherElements on [1, M] indices runs a typed loop; Gather memcpy's every element
                # (~10x slower). Flatten (not Reshape to [1, -1]) also handles M = 0.
                flat = g.op("Flatten", [diff], axis=0)
                e = g.op("GatherElements", [tab(True), flat], axis=1)
                return g.op("Reshape", [e, g.op("Shape", [diff])], allowzero=1)  # shape may hold 0
            return g.op("Gather", [tab(False), diff], axis=0)

        def ov_tot(e, v):
            """o = e . v and tot = row sums of e with one MatMulInteger (a column of ones after v)."""
            ones_shape = g.op("Concat", [g.op("Slice", [g.op("Shape", [v]), g.c([0], I64), g.c([3], I64)]),
                                         g.c([1], I64)], axis=0)
            ones = g.op("ConstantOfShape", [ones_shape],
                        value=helper.make_tensor("one", TensorProto.INT8, [1], [1]))
            ov = g.mmi(e, g.op("Concat", [v, ones], axis=3), zp=False)                 # int32 [B,H,N,dh+1]
            return (g.op("Slice", [ov, g.c([0], I64), g.c([dh], I64), g.c([3], I64)]),
                    g.op("Slice", [ov, g.c([dh], I64), g.c([dh + 1], I64), g.c([3], I64)]))

        if step and split_att:
            # past and new keys handled apart (no concatenated K/V per layer; the cache is written once)
            newk.append(k)
            newv.append(v)
            if cut:
                q = rows_from(q, 2)                                                       # queries first .. N-1
            kp = g.op("Squeeze", [pastk[l], g.c([0], I64)])
            sp = g.mmi(q, g.op("Transpose", [kp], perm=[0, 1, 3, 2]))                # [B,H,N',P], no mask
            vp = g.op("Squeeze", [pastv[l], g.c([0], I64)])
            kT = g.op("Transpose", [k], perm=[0, 1, 3, 2])
            if blocks == 2 and not cut:
                # block-causal: queries [0, h) only need keys [0, h) (h = ceil(N / 2), so no reduced axis
                # is empty); queries [h, N) need all N new keys. 3/4 of the N x N work.
                sl = lambda t, a, b, ax: g.op("Slice", [t, a, b, g.c([ax], I64)])
                q1, q2 = sl(q, z1, h1, 2), sl(q, h1, big1, 2)
                sn1 = g.op("Add", [g.mmi(q1, sl(kT, z1, h1, 3)), bias1])                # [B,H,h,h]
                sn2 = g.op("Add", [g.mmi(q2, kT), bias2])                                # [B,H,N-h,N]
                mxn = g.op("Concat", [g.op("ReduceMax", [sn1], axes=[-1], keepdims=1),
                                      g.op("ReduceMax", [sn2], axes=[-1], keepdims=1)], axis=2)
                mx = g.op("ReduceMax", [g.op("Concat", [sp, mxn], axis=3)], axes=[-1], keepdims=1)
                on1, totn1 = ov_tot(lookup_e(sn1, sl(mx, z1, h1, 2), True), sl(v, z1, h1, 2))
                on2, totn2 = ov_tot(lookup_e(sn2, sl(mx, h1, big1, 2), True), v)
                on = g.op("Concat", [on1, on2], axis=2)
                totn = g.op("Concat", [totn1, totn2], axis=2)
            else:  # one block; under `cut` the queries and mask rows first .. N-1 only
                sn = g.op("Add", [g.mmi(q, kT), rows_from(bias_new, 0) if cut else bias_new])  # [B,H,N',N]
                mx = g.op("ReduceMax", [g.op("Concat", [sp, g.op("ReduceMax", [sn], axes=[-1], keepdims=1)],
                                              axis=3)], axes=[-1], keepdims=1)
                on, totn = ov_tot(lookup_e(sn, mx, True), v)
            ep = lookup_e(sp, mx, True)
            # ORT's MatMulInteger leaves its output unset when the inner size is 0 (P = 0): times (P > 0)
            o = g.op("Add", [g.op("Mul", [g.mmi(ep, vp, zp=False), has_past]), on])
            # row sums of the past weights as a product with a column of ones ([P, 1]; also right for P = 0,
            # where ReduceSum would keep the empty axis)
            tot = g.op("Add", [g.op("Mul", [g.mmi(ep, ones_p, zp=False), has_past]), totn])
        else:
            if step:
                k = g.op("Concat", [g.op("Gather", ["past_k", g.c(l, I64)], axis=0), k], axis=2)
                v = g.op("Concat", [g.op("Gather", ["past_v", g.c(l, I64)], axis=0), v], axis=2)
            pk.append(g.op("Unsqueeze", [k, g.c([0], I64)]))
            pv.append(g.op("Unsqueeze", [v, g.c([0], I64)]))
            qb = (rows_from(q, 2), rows_from(bias, 0)) if cut else (q, bias)
            sc = g.op("Add", [g.mmi(qb[0], g.op("Transpose", [k], perm=[0, 1, 3, 2])), qb[1]])  # int32 [B,H,N',T]
            mx = g.op("ReduceMax", [sc], axes=[-1], keepdims=1)
            e = lookup_e(sc, mx, lookup == "gather_elements")
            o, tot = ov_tot(e, v)
        # a = clip(rshift_round(o * (inv * att.m), 30 + att.s), -128, 127) + 128, in int64
        inv = g.op("Cast", [g.op("Div", [g.c(1 << intnet.ATT_BITS, I32), tot])], to=TensorProto.INT64)
        im = g.op("Mul", [inv, g.init(p + "att.m", np.asarray(P[p + "att.m"], dtype=np.int64))])
        a = g.requant_clip(g.op("Cast", [o], to=TensorProto.INT64), im, intnet.ATT_BITS + int(P[p + "att.s"]),
                           p + "att", 128, -128, 127, None, np.int64)
        a = g.op("Reshape", [g.op("Transpose", [a], perm=[0, 2, 1, 3]), g.c([0, 0, d], I64)])
        if cut:
            x = rows_from(x, 1)
        x = residual(x, g.mmi(a, g.init(p + "proj.w", P[p + "proj.w"])), p + "proj")
        h = g.norm(x, P[p + "ln2"], d, p + "ln2")
        gelu = p + "gelu" in P
        u = g.requant_clip(g.mmi(h, g.init(p + "up.w", P[p + "up.w"])), P[p + "up.m"], P[p + "up.s"],
                           p + "up", 128, int(P[p + "up.lo"]), 127, d * 128 * 63,
                           to=TensorProto.INT32 if gelu else TensorProto.UINT8)   # u + 128
        # ReLU: the clip above started at 0 and u + 128 is the MatMulInteger operand
        gl = g.op("Gather", [g.init(p + "gelu", P[p + "gelu"]), u], axis=0) if gelu else u
        x = residual(x, g.mmi(gl, g.init(p + "down.w", P[p + "down.w"])), p + "down")
    h = g.norm(x, P["lnf"], d, "lnf")
    logits, off = g.requant32(g.mmi(h, g.init("head.w", P["head.w"])), P["head.m"], P["head.s"], "head")
    g.nodes.append(helper.make_node("Sub", [logits, g.c(off, I32)], ["logits"], name="out_logits"))
    if step and split_att:
        for nm, new in (("k", newk), ("v", newv)):
            allnew = g.op("Concat", [g.op("Unsqueeze", [t, g.c([0], I64)]) for t in new], axis=0)
            g.nodes.append(helper.make_node("Concat", ["past_" + nm, allnew], ["present_" + nm], axis=3,
                                            name="out_" + nm))
    else:
        g.nodes.append(helper.make_node("Concat", pk, ["present_k"], axis=0, name="out_k"))
        g.nodes.append(helper.make_node("Concat", pv, ["present_v"], axis=0, name="out_v"))
    tot_len = "past_plus_n" if step else "n"
    outputs = [helper.make_tensor_value_info("logits", TensorProto.INT32,
                                             ["batch", "n_minus_first" if first_input else "n", 256]),
               helper.make_tensor_value_info("present_k", TensorProto.INT8, [L, "batch", H, tot_len, dh]),
               helper.make_tensor_value_info("present_v", TensorProto.INT8, [L, "batch", H, tot_len, dh])]
    graph = helper.make_graph(g.nodes, "kolmo_step" if step else "kolmo_full", inputs, outputs, g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="kolmo-training", ir_version=8)
    md = dict(metadata)
    md["kolmo.graph"] = "step" if step else "full"
    onnx.helper.set_model_props(model, {k: str(v) for k, v in md.items()})
    onnx.checker.check_model(model)
    return model


FLOAT_OPS = {"MatMul", "Gemm", "Softmax", "LayerNormalization", "Exp", "Sqrt", "Erf", "Tanh", "Sigmoid",
             "Pow", "Reciprocal", "Log"}
FLOAT_TYPES = {TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.FLOAT16, TensorProto.BFLOAT16}


def assert_integer_only(model):
    ops = {n.op_type for n in model.graph.node}
    bad = ops & FLOAT_OPS
    assert not bad, f"float operators in graph: {bad}"
    for t in model.graph.initializer:
        assert t.data_type not in FLOAT_TYPES, f"float initializer {t.name}"
    for n in model.graph.node:
        for a in n.attribute:
            if a.name == "to":
                assert a.i not in FLOAT_TYPES, f"cast to float in {n.name}"
    return sorted(ops)
