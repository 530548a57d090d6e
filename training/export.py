#!/usr/bin/python3
"""Export a checkpoint as the integer network: ONNX graphs, numpy weights, golden vectors, figures.

  /usr/bin/python3 training/export.py --ckpt training/work/qat/last.pt --out training/work/export
Writes <out>/default.onnx (full window), <out>/default-step.onnx (KV cache), <out>/default.weights,
<out>/golden/golden.bin + golden.json, <out>/export.json (bits/byte float, fake-quant, integer).

Rebuild the ONNX graphs from a weight file alone (no checkpoint), e.g. after a change of onnx_graph.py:
  /usr/bin/python3 training/export.py --from-weights codec-model/src/main/resources/io/kolmo/model/default.weights \
      --metadata-from codec-model/src/main/resources/io/kolmo/model/default.onnx --out /tmp/rebuilt
Writes <out>/default.onnx and <out>/default-step.onnx (and <out>/golden/golden.bin with --golden). The
metadata is copied from --metadata-from (its kolmo.model_id must be the sha256 of the weights) or, without
it, computed from --corpus (manifest hash, integer bits/byte on the first --valid-bytes of valid.bin).
"""
import argparse
import hashlib
import json
import math
import os
import struct

import numpy as np
import onnx
import torch
import torch.nn.functional as F

import intnet
import onnx_graph
from model import ByteLM, Config

HERE = os.path.dirname(os.path.abspath(__file__))


def load(ckpt):
    st = torch.load(ckpt, map_location="cpu")
    m = ByteLM(Config(**st["cfg"]))
    m.load_state_dict(st["model"])
    m.eval()
    return m, st


def windows(n, ctx, stride):
    """(start, first scored offset inside the window) for sliding windows over n bytes: the first
    window scores all of its positions, later ones the positions after ctx - stride bytes of context."""
    out, s = [(0, 0)], 0
    while s + ctx < n:
        s = min(s + stride, n - ctx)
        out.append((s, out[-1][0] + ctx - s))
    return out


def score_torch(model, data, ctx, stride, quant):
    """bits for predicting data[1:] from sliding windows (position 0 is not scored)."""
    model.set_quant(quant)
    model.eval()
    x = torch.from_numpy(np.frombuffer(data, dtype=np.uint8).astype(np.int64))
    n = len(x)
    tot = 0.0
    with torch.no_grad():
        for s, first in windows(n - 1, ctx, stride):
            e = min(s + ctx, n - 1)
            logits = model(x[s:e][None])[0, first:]
            tot += F.cross_entropy(logits.double(), x[s + 1 + first:e + 1], reduction="sum").item()
    model.set_quant(False)
    return tot / math.log(2)


def score_int(P, data, ctx, stride):
    x = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
    n = len(x)
    tot = 0.0
    for s, first in windows(n - 1, ctx, stride):
        e = min(s + ctx, n - 1)
        logits = intnet.forward(P, x[s:e][None])[0, first:]
        tot += intnet.bits(logits, x[s + 1 + first:e + 1])
    return tot


GOLDEN_SEQS = [b"A", b"kolmo: the quick brown fox", None, None]


def golden(P, outdir):
    """golden.bin: b'KOLMOGV1', int32 count, then per sequence: int32 len, int32 prefix,
    len bytes, len*256 int32 logits (little-endian, position-major)."""
    ctx = P["ctx"]
    seqs = list(GOLDEN_SEQS)
    seqs[2] = bytes(range(256))[::-1][:100] + b"\n\tpublic static int main(String[] args) { return 0; }\n"
    line = b"The integer network must give identical logits on every backend, {\"k\": [1, 2, 3]}.\n"
    seqs[3] = (line * (ctx // len(line) + 1))[:ctx]
    os.makedirs(outdir, exist_ok=True)
    meta = []
    with open(os.path.join(outdir, "golden.bin"), "wb") as f:
        f.write(b"KOLMOGV1" + struct.pack("<i", len(seqs)))
        for s in seqs:
            logits = intnet.forward(P, np.frombuffer(s, dtype=np.uint8)[None].astype(np.int64))[0]
            prefix = len(s) // 2
            f.write(struct.pack("<ii", len(s), prefix) + s + logits.astype("<i4").tobytes())
            meta.append({"len": len(s), "prefix": prefix,
                         "logits_sha256": hashlib.sha256(logits.astype("<i4").tobytes()).hexdigest(),
                         "argmax_last": int(logits[-1].argmax()), "logit_last_0": int(logits[-1, 0])})
    return meta


def base_metadata(P, wpath, manifest, valid_bpb):
    return {"kolmo.model_id": intnet.model_id(wpath), "kolmo.context_length": P["ctx"], "kolmo.vocab_size": 256,
            "kolmo.corpus_manifest_sha256": hashlib.sha256(manifest).hexdigest(),
            "kolmo.valid_bits_per_byte": f"{valid_bpb:.4f}",
            "kolmo.logit_scale": f"{2.0 ** -intnet.LOGIT_BITS!r}",
            "kolmo.logit_scale_log2": -intnet.LOGIT_BITS,
            "kolmo.n_layer": P["n_layer"], "kolmo.n_head": P["n_head"], "kolmo.head_dim": P["d"] // P["n_head"],
            "kolmo.kv_layout": "int8 [n_layer, batch, n_head, positions, head_dim]",
            "kolmo.spec": "training/INTEGER_NETWORK.md v1"}


def write_graphs(P, md, out):
    """default.onnx (full) and default-step.onnx (KV cache) with metadata md; returns export.json fields."""
    res = {}
    for step, name in ((False, "default.onnx"), (True, "default-step.onnx")):
        m = onnx_graph.build(P, step, md)
        res["ops_" + ("step" if step else "full")] = onnx_graph.assert_integer_only(m)
        onnx.save(m, os.path.join(out, name))
        res["size_" + name] = os.path.getsize(os.path.join(out, name))
    return res


def rebuild(wpath, out, metadata_from=None, corpus=None, valid_bytes=1 << 16, stride=256, with_golden=False):
    """checkpoint-less rebuild of the ONNX graphs from a KOLMOW01 weight file."""
    P = intnet.load_weights(wpath)
    os.makedirs(out, exist_ok=True)
    if metadata_from:
        md = {p.key: p.value for p in onnx.load(metadata_from).metadata_props}
        md.pop("kolmo.graph", None)
        assert md["kolmo.model_id"] == intnet.model_id(wpath), "metadata belongs to other weights"
    else:
        valid = open(os.path.join(corpus, "valid.bin"), "rb").read()[:valid_bytes]
        bpb = score_int(P, valid, P["ctx"], stride) / (len(valid) - 1)
        md = base_metadata(P, wpath, open(os.path.join(corpus, "manifest.tsv"), "rb").read(), bpb)
    res = write_graphs(P, md, out)
    if with_golden:
        res["golden"] = golden(P, os.path.join(out, "golden"))
    res["metadata"] = md
    print(json.dumps(res, indent=1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt")
    ap.add_argument("--from-weights", help="rebuild the graphs from this weight file instead of a checkpoint")
    ap.add_argument("--metadata-from", help="with --from-weights: copy the metadata of this ONNX graph")
    ap.add_argument("--golden", action="store_true", help="with --from-weights: also write golden vectors")
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus", default=os.path.join(HERE, "work", "corpus"))
    ap.add_argument("--valid-bytes", type=int, default=1 << 16)
    ap.add_argument("--float-ckpt", help="float checkpoint to compare against (default: --ckpt, quant off)")
    ap.add_argument("--stride", type=int, default=256)
    args = ap.parse_args()
    if args.from_weights:
        return rebuild(args.from_weights, args.out, args.metadata_from, args.corpus, args.valid_bytes,
                       args.stride, args.golden)
    if not args.ckpt:
        ap.error("--ckpt or --from-weights is required")
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)
    model, st = load(args.ckpt)
    P = intnet.from_model(model)
    ctx = P["ctx"]
    wpath = os.path.join(args.out, "default.weights")
    intnet.save_weights(P, wpath)
    P = intnet.load_weights(wpath)  # evaluate exactly what was written
    valid = open(os.path.join(args.corpus, "valid.bin"), "rb").read()[:args.valid_bytes]
    n = len(valid) - 1
    fmodel = load(args.float_ckpt)[0] if args.float_ckpt else model
    res = {"ckpt": args.ckpt, "step": st["step"], "train_seconds": st["elapsed"], "qat": st.get("qat"),
           "params": model.n_params(), "cfg": st["cfg"], "valid_bytes": n, "stride": args.stride,
           "seed": st.get("args", {}).get("seed"), "mix": st.get("args", {}).get("mix")}
    res["valid_bpb_float"] = score_torch(fmodel, valid, ctx, args.stride, False) / n
    res["valid_bpb_fakequant"] = score_torch(model, valid, ctx, args.stride, True) / n
    res["valid_bpb_int"] = score_int(P, valid, ctx, args.stride) / n
    res["int_vs_float"] = res["valid_bpb_int"] / res["valid_bpb_float"] - 1
    print(json.dumps(res, indent=1), flush=True)

    manifest = open(os.path.join(args.corpus, "manifest.tsv"), "rb").read()
    md = base_metadata(P, wpath, manifest, res["valid_bpb_int"])
    res["metadata"] = md
    res.update(write_graphs(P, md, args.out))
    res["golden"] = golden(P, os.path.join(args.out, "golden"))
    with open(os.path.join(args.out, "export.json"), "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps({k: res[k] for k in ("metadata", "size_default.onnx", "ops_full")}, indent=1))


if __name__ == "__main__":
    main()
