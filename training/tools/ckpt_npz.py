#!/usr/bin/python3
"""A checkpoint through numpy and back, for a torch that cannot read another torch's save format.

The device machine's PyTorch is far newer than Debian's 1.13 here; device_leg.sh writes every leg's
last.pt also as last.npz (the model's state dict and the leg's JSON-able fields, no optimizer state),
which any torch reads back:

  python3 training/tools/ckpt_npz.py to-npz last.pt last.npz                     # there (device_leg.sh)
  /usr/bin/python3 training/tools/ckpt_npz.py to-ckpt last.npz training/work/gpu1.pt   # here
"""
import json
import sys

import numpy as np
import torch

FIELDS = ("cfg", "step", "elapsed", "qat", "args")


def to_npz(src, dst):
    st = torch.load(src, map_location="cpu", weights_only=False)
    meta = {k: st[k] for k in FIELDS if k in st}
    arrays = {"model." + k: v.cpu().numpy() for k, v in st["model"].items()}
    np.savez(dst, meta=np.frombuffer(json.dumps(meta).encode(), np.uint8), **arrays)
    return len(arrays)


def to_ckpt(src, dst):
    z = np.load(src)
    meta = json.loads(z["meta"].tobytes().decode())
    model = {k[len("model."):]: torch.from_numpy(z[k].copy()) for k in z.files if k.startswith("model.")}
    if not model or "cfg" not in meta:
        sys.exit(f"{src}: no model arrays or no cfg: not written by ckpt_npz.py to-npz")
    meta["model"] = model
    torch.save(meta, dst)
    return len(model)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("to-npz", "to-ckpt"):
        sys.exit(__doc__)
    n = (to_npz if sys.argv[1] == "to-npz" else to_ckpt)(sys.argv[2], sys.argv[3])
    print(f"{sys.argv[3]}: {n} tensors")


if __name__ == "__main__":
    main()
