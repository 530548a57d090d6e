#!/usr/bin/python3
"""A checkpoint saved as numpy arrays (device_leg.sh's last.npz) -> a checkpoint for this machine's torch.

The device machine's PyTorch is far newer than Debian's 1.13 here; device_leg.sh writes every leg's
last.pt also as last.npz (the model's state dict and the leg's JSON-able fields, no optimizer state),
which any torch can read back through numpy:

  /usr/bin/python3 training/tools/npz_to_ckpt.py last.npz training/work/gpu1.pt
"""
import json
import sys

import numpy as np
import torch


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    z = np.load(sys.argv[1])
    meta = json.loads(z["meta"].tobytes().decode())
    model = {k[len("model."):]: torch.from_numpy(z[k].copy()) for k in z.files if k.startswith("model.")}
    if not model or "cfg" not in meta:
        sys.exit(f"{sys.argv[1]}: no model arrays or no cfg: not written by device_leg.sh")
    meta["model"] = model
    torch.save(meta, sys.argv[2])
    print(f"{sys.argv[2]}: {sum(v.numel() for v in model.values())} values, step {meta.get('step')}")


if __name__ == "__main__":
    main()
