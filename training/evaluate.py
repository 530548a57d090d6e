#!/usr/bin/python3
"""Bits/byte of the transformer alone on benchmark files (never trained on), sliding windows within
each file: window 512, stride 256 (the first window scores all its positions, later windows the last
256 positions with at least 256 bytes of context); byte 0 of a file is not scored.

  /usr/bin/python3 training/evaluate.py --ckpt training/work/qat/last.pt [--int training/work/export/default.weights]
    [--max-bytes 262144] [files...]      (default: the Canterbury text files)
Float (and fake-quant) figures come from PyTorch; --int adds the numpy integer reference.
"""
import argparse
import glob
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

import intnet
from export import load, windows

CANTERBURY = "/work/shared/data/canterbury"
TEXT = ["alice29.txt", "asyoulik.txt", "lcet10.txt", "plrabn12.txt", "cp.html", "fields.c", "grammar.lsp",
        "xargs.1", "large/bible.txt", "large/world192.txt"]


@torch.no_grad()
def score_batched(model, data, ctx, stride, quant, bsz=16):
    model.set_quant(quant)
    model.eval()
    x = torch.from_numpy(np.frombuffer(data, dtype=np.uint8).astype(np.int64))
    n = len(x) - 1
    ws = windows(n, ctx, stride)
    tot = 0.0
    for i in range(0, len(ws), bsz):
        group = ws[i:i + bsz]
        ln = min(ctx, n)  # every window is full length unless the file is shorter than one window
        inp = torch.stack([x[s:s + ln] for s, _ in group])
        logits = model(inp)
        for j, (s, first) in enumerate(group):
            tot += F.cross_entropy(logits[j, first:ln].double(), x[s + 1 + first:s + ln + 1],
                                   reduction="sum").item()
    model.set_quant(False)
    return tot / math.log(2) / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--int", help="default.weights from export.py: also score the integer reference")
    ap.add_argument("--max-bytes", type=int, default=1 << 18, help="score only the first bytes of each file")
    ap.add_argument("--full", nargs="*", default=["alice29.txt"], help="file names scored in full")
    ap.add_argument("--stride", type=int, default=256)
    ap.add_argument("--quant", action="store_true", help="also fake-quant figures")
    ap.add_argument("--out", help="write the results as JSON")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    torch.set_num_threads(2)
    model, st = load(args.ckpt)
    P = None
    if args.int:
        P = intnet.load_weights(args.int)
    files = args.files or [os.path.join(CANTERBURY, f) for f in TEXT]
    res = []
    for f in files:
        full = open(f, "rb").read()
        data = full if os.path.basename(f) in args.full else full[:args.max_bytes]
        r = {"file": os.path.relpath(f, CANTERBURY) if f.startswith(CANTERBURY) else f,
             "size": len(full), "scored_bytes": len(data) - 1}
        r["float_bpb"] = score_batched(model, data, model.c.ctx, args.stride, False)
        if args.quant:
            r["fakequant_bpb"] = score_batched(model, data, model.c.ctx, args.stride, True)
        if P is not None:
            from export import score_int
            r["int_bpb"] = score_int(P, data, model.c.ctx, args.stride) / (len(data) - 1)
        print(json.dumps(r), flush=True)
        res.append(r)
    if args.out:
        with open(args.out, "w") as fh:
            json.dump(res, fh, indent=1)


if __name__ == "__main__":
    main()
