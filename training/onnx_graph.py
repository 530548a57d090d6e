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
    def rshift_round(self, x, s):
        """floor((x + 2^(s-1)) / 2^s) for int64 |x| < 2^62 - 2^(s-1): offset to a non-negative
        value, logical shift as uint64 (ORT's BitShift is unsigned-only), remove the offset."""
        x = self.op("Add", [x, self.c((1 << (s - 1)) + (1 << 62), np.int64)])
        x = self.op("BitShift", [self.op("Cast", [x], to=TensorProto.UINT64), self.c(s, np.uint64)],
                    direction="RIGHT")
        return self.op("Sub", [self.op("Cast", [x], to=TensorProto.INT64), self.c(1 << (62 - s), np.int64)])

    def requant32(self, acc32, m, s, key, zp=0, lo=None, hi=None):
        """floor((acc * m + 2^(s-1)) / 2^s) + zp, clipped to [lo + zp, hi + zp], all in int32: the
        exporter chose m and s so that acc * m + 2^(s-1) + 2^30 < 2^31 (see intnet.multiplier32)."""
        x = self.op("Mul", [acc32, self.init(key + ".m", np.asarray(m, dtype=np.int32))])
        x = self.op("Add", [x, self.c((1 << (s - 1)) + (1 << 30), np.int32)])
        x = self.op("Div", [x, self.c(1 << s, np.int32)])
        x = self.op("Sub", [x, self.c(np.asarray((1 << (30 - s)) - np.asarray(zp)), np.int32)])
        if lo is not None:
            x = self.op("Max", [x, self.c(np.asarray(lo) + np.asarray(zp), np.int32)])
            x = self.op("Min", [x, self.c(np.asarray(hi) + np.asarray(zp), np.int32)])
        return x

    def clip(self, x, lo, hi, dtype=np.int64):
        return self.op("Min", [self.op("Max", [x, self.c(lo, dtype)]), self.c(hi, dtype)])

    def to_u8(self, x64):
        """int8 value in int64 -> uint8 (value + 128), the MatMulInteger A operand with zero point 128."""
        return self.op("Cast", [self.op("Add", [x64, self.c(128, np.int64)])], to=TensorProto.UINT8)

    def isqrt(self, n):
        r = None
        for b in range(intnet.ISQRT_BITS - 1, -1, -1):
            c = self.c(1 << b, np.int64) if r is None else self.op("Add", [r, self.c(1 << b, np.int64)])
            le = self.op("LessOrEqual", [self.op("Mul", [c, c]), n])
            r = self.op("Where", [le, c, self.c(0, np.int64) if r is None else r])
        return r

    def norm(self, x, G, d, key):
        ss = self.op("ReduceSum", [self.op("Mul", [x, x]), self.c([-1], np.int64)], keepdims=1)
        n = self.op("Div", [self.op("Mul", [ss, self.c(256, np.int64)]), self.c(d, np.int64)])
        r = self.op("Max", [self.isqrt(n), self.c(1, np.int64)])
        inv = self.op("Div", [self.c(1 << intnet.NORM_BITS, np.int64), r])
        num = self.op("Mul", [x, self.init(key, np.asarray(G, dtype=np.int64))])
        y = self.rshift_round(self.op("Mul", [num, inv]), intnet.NORM_BITS)
        return self.to_u8(self.clip(y, -128, 127))

    def mmi(self, a_u8, w_name, zp=True):
        return self.op("MatMulInteger", [a_u8, w_name, self.c(128, np.uint8)] if zp else [a_u8, w_name])


def build(P, step: bool, metadata: dict):
    g = G()
    d, H, L, ctx = P["d"], P["n_head"], P["n_layer"], P["ctx"]
    dh = d // H
    I64 = np.int64
    inputs = [helper.make_tensor_value_info("bytes", TensorProto.INT32, ["batch", "n"])]
    if step:
        for nm in ("past_k", "past_v"):
            inputs.append(helper.make_tensor_value_info(nm, TensorProto.INT8, [L, "batch", H, "past", dh]))
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
    x = g.op("Add", [g.op("Gather", [tok, "bytes"], axis=0), g.op("Gather", [pos_t, pos], axis=0)])
    x = g.clip(g.op("Cast", [x], to=TensorProto.INT64), -32768, 32767)
    # causal bias [N, P+N]: MASK where key index > query position
    cols = g.op("Range", [g.c(0, I64), end, g.c(1, I64)])
    rows = g.op("Unsqueeze", [pos, g.c([1], I64)])
    bias = g.op("Where", [g.op("Greater", [cols, rows]), g.c(intnet.MASK, np.int32), g.c(0, np.int32)])
    pk, pv = [], []
    for l in range(L):
        p = f"l{l}."
        h = g.norm(x, P[p + "ln1"], d, p + "ln1")
        zp = np.concatenate([np.full(d, 128), np.zeros(2 * d, dtype=np.int64)])
        y = g.requant32(g.mmi(h, g.init(p + "qkv.w", P[p + "qkv.w"])), P[p + "qkv.m"], P[p + "qkv.s"],
                        p + "qkv", zp, P[p + "qkv.lo"], P[p + "qkv.hi"])
        y = g.op("Reshape", [y, g.c([0, 0, 3, H, dh], I64)])
        q, k, v = (g.op("Transpose", [g.op("Gather", [y, g.c(i, I64)], axis=2)], perm=[0, 2, 1, 3])
                   for i in range(3))
        q = g.op("Cast", [q], to=TensorProto.UINT8)   # q + 128, the zero point of MatMulInteger
        k = g.op("Cast", [k], to=TensorProto.INT8)
        v = g.op("Cast", [v], to=TensorProto.INT8)
        if step:
            k = g.op("Concat", [g.op("Gather", ["past_k", g.c(l, I64)], axis=0), k], axis=2)
            v = g.op("Concat", [g.op("Gather", ["past_v", g.c(l, I64)], axis=0), v], axis=2)
        pk.append(g.op("Unsqueeze", [k, g.c([0], I64)]))
        pv.append(g.op("Unsqueeze", [v, g.c([0], I64)]))
        s = g.op("Add", [g.mmi(q, g.op("Transpose", [k], perm=[0, 1, 3, 2])), bias])
        mx = g.op("ReduceMax", [s], axes=[-1], keepdims=1)
        table = P[p + "att.exp"]
        diff = g.op("Sub", [mx, s])
        if P[p + "att.sh"]:  # coarser score steps, as a logical shift of the non-negative difference
            diff = g.op("BitShift", [g.op("Cast", [diff], to=TensorProto.UINT32),
                                     g.c(P[p + "att.sh"], np.uint32)], direction="RIGHT")
            diff = g.op("Cast", [diff], to=TensorProto.INT32)
        diff = g.op("Min", [diff, g.c(len(table) - 1, np.int32)])
        e = g.op("Gather", [g.init(p + "att.exp", table), diff], axis=0)          # uint8 [B,H,N,P+N]
        # a column of ones after v makes the same MatMulInteger return the row sums of e
        ones_shape = g.op("Concat", [g.op("Slice", [g.op("Shape", [v]), g.c([0], I64), g.c([3], I64)]),
                                     g.c([1], I64)], axis=0)
        ones = g.op("ConstantOfShape", [ones_shape],
                    value=helper.make_tensor("one", TensorProto.INT8, [1], [1]))
        ov = g.mmi(e, g.op("Concat", [v, ones], axis=3), zp=False)                 # int32 [B,H,N,dh+1]
        o = g.op("Slice", [ov, g.c([0], I64), g.c([dh], I64), g.c([3], I64)])
        tot = g.op("Slice", [ov, g.c([dh], I64), g.c([dh + 1], I64), g.c([3], I64)])
        inv = g.op("Div", [g.c(1 << intnet.ATT_BITS, np.int32), tot])
        w = g.op("Mul", [g.op("Cast", [o], to=TensorProto.INT64), g.op("Cast", [inv], to=TensorProto.INT64)])
        w = g.op("Mul", [w, g.init(p + "att.m", np.asarray(P[p + "att.m"], dtype=np.int64))])
        a = g.clip(g.rshift_round(w, intnet.ATT_BITS + int(P[p + "att.s"])), -128, 127)
        a = g.op("Reshape", [g.op("Transpose", [a], perm=[0, 2, 1, 3]), g.c([0, 0, d], I64)])
        a = g.to_u8(a)
        r = g.requant32(g.mmi(a, g.init(p + "proj.w", P[p + "proj.w"])), P[p + "proj.m"], P[p + "proj.s"],
                        p + "proj")
        x = g.clip(g.op("Add", [x, g.op("Cast", [r], to=TensorProto.INT64)]), -32768, 32767)
        h = g.norm(x, P[p + "ln2"], d, p + "ln2")
        u = g.requant32(g.mmi(h, g.init(p + "up.w", P[p + "up.w"])), P[p + "up.m"], P[p + "up.s"],
                        p + "up", 128, P[p + "up.lo"], 127)             # u + 128
        if p + "gelu" in P:
            gl = g.op("Gather", [g.init(p + "gelu", P[p + "gelu"]), u], axis=0)
        else:
            gl = g.op("Cast", [u], to=TensorProto.UINT8)  # ReLU: the clip above started at 0
        r = g.requant32(g.mmi(gl, g.init(p + "down.w", P[p + "down.w"])), P[p + "down.m"], P[p + "down.s"],
                        p + "down")
        x = g.clip(g.op("Add", [x, g.op("Cast", [r], to=TensorProto.INT64)]), -32768, 32767)
    h = g.norm(x, P["lnf"], d, "lnf")
    logits = g.requant32(g.mmi(h, g.init("head.w", P["head.w"])), P["head.m"], P["head.s"], "head")
    g.nodes.append(helper.make_node("Identity", [logits], ["logits"], name="out_logits"))
    g.nodes.append(helper.make_node("Concat", pk, ["present_k"], axis=0, name="out_k"))
    g.nodes.append(helper.make_node("Concat", pv, ["present_v"], axis=0, name="out_v"))
    tot_len = "past_plus_n" if step else "n"
    outputs = [helper.make_tensor_value_info("logits", TensorProto.INT32, ["batch", "n", 256]),
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
