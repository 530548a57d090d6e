#!/usr/bin/python3
"""Train the byte-level transformer (float, or quantization-aware with --qat).

  /usr/bin/python3 training/train.py --out training/work/run1 --steps 20000            # CPU
  /usr/bin/python3 training/train.py --out training/work/run1 --device cuda            # CUDA
  ... same command again resumes from <out>/last.pt
  /usr/bin/python3 training/train.py --out training/work/qat --init training/work/run1/last.pt \
        --qat --steps 2000 --lr 3e-4                                                   # QAT fine-tune
Sampling is a pure function of (seed, step), so a resumed run sees the same batches.
"""
import argparse
import glob
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from model import ByteLM, Config


def load_bytes(paths):
    return np.concatenate([np.fromfile(p, dtype=np.uint8) for p in sorted(paths)])


class Mix:
    """Sampling weights by corpus category or package (--mix prose=3,dict-gcide=2): a row starts in a
    file with probability proportional to its size times its weight (a package's weight overrides its
    category's; unnamed ones weigh 1). Files come from manifest.tsv, whose train rows are the shards'
    bytes in order."""

    def __init__(self, manifest, spec, total):
        weights = {}
        for part in spec.split(","):
            key, _, w = part.partition("=")
            weights[key.strip()] = float(w)
        starts, sizes, wts, pos = [], [], [], 0
        seen = set()
        with open(manifest) as f:
            next(f)
            for line in f:
                split, package, _, _, _, category, size, _ = line.rstrip("\n").split("\t")
                if split != "train":
                    continue
                seen.update((package, category))
                starts.append(pos)
                sizes.append(int(size))
                wts.append(weights.get(package, weights.get(category, 1.0)))
                pos += int(size)
        if pos != total:
            raise SystemExit(f"manifest lists {pos} train bytes, the shards hold {total}")
        unknown = set(weights) - seen
        if unknown:
            raise SystemExit(f"--mix names no category or package of the corpus: {sorted(unknown)}")
        self.starts = np.array(starts, dtype=np.int64)
        self.sizes = np.array(sizes, dtype=np.int64)
        mass = self.sizes * np.array(wts)
        self.cum = np.cumsum(mass)
        self.cum /= self.cum[-1]

    def offsets(self, rng, n, limit):
        """n row offsets: a file by weighted size, then a uniform position inside it."""
        i = np.searchsorted(self.cum, rng.random(n), side="right")
        off = self.starts[i] + (rng.random(n) * self.sizes[i]).astype(np.int64)
        return np.minimum(off, limit - 1)


def batch(data, step, seed, bsz, ctx, crlf=0.0, mix=None):
    """Rows of ctx + 1 bytes at offsets drawn from (seed, step). With probability crlf a row gets
    Windows line ends (LF -> CRLF where no CR precedes it): the corpus is LF-only, but many texts
    users compress (three of the four big Canterbury texts among them) are not."""
    rng = np.random.default_rng([seed, step])
    if mix is None:
        off = rng.integers(0, len(data) - ctx - 1, size=bsz)
    else:
        off = mix.offsets(rng, bsz, len(data) - ctx - 1)
    flip = rng.random(bsz) < crlf if crlf > 0 else np.zeros(bsz, dtype=bool)
    rows = []
    for o, f in zip(off, flip):
        if f:
            s = data[o:o + 2 * ctx + 2]
            lf = np.flatnonzero(s == 10)
            lf = lf[(lf == 0) | (s[lf - 1] != 13)]
            rows.append(np.insert(s, lf, 13)[:ctx + 1])
        else:
            rows.append(data[o:o + ctx + 1])
    return torch.from_numpy(np.stack(rows).astype(np.int64))


@torch.no_grad()
def evaluate(model, data, ctx, device, max_bytes=1 << 18):
    """bits/byte over consecutive non-overlapping windows of the first max_bytes of data."""
    model.eval()
    n = min(len(data) - 1, max_bytes) // ctx * ctx
    x = torch.from_numpy(data[:n + 1].astype(np.int64))
    tot = 0.0
    for i in range(0, n, ctx * 16):
        j = min(n, i + ctx * 16)
        inp = x[i:j].view(-1, ctx).to(device)
        tgt = x[i + 1:j + 1].view(-1, ctx).to(device)
        logits = model(inp)
        tot += F.cross_entropy(logits.reshape(-1, 256).float(), tgt.reshape(-1), reduction="sum").item()
    model.train()
    return tot / n / math.log(2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "work", "corpus"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--cosine-steps", type=int, help="length of the cosine schedule (default: --steps)")
    ap.add_argument("--cooldown-from", type=int, help="linear cool-down to 0 from this step to --steps")
    ap.add_argument("--crlf", type=float, default=0.0,
                    help="fraction of training rows given CRLF line ends (augmentation)")
    ap.add_argument("--mix", help="sampling weights by category or package, e.g. prose=3,dict-gcide=2")
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--ckpt-every", type=float, default=180, help="seconds")
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--max-minutes", type=float, default=1e9,
                    help="stop (with checkpoint and validation figure) after this")
    ap.add_argument("--time-budget", type=float,
                    help="minutes of this leg: the cosine runs over wall-clock time instead of steps and the "
                         "leg stops (with checkpoint) when they are spent (for a lent GPU of unknown speed)")
    ap.add_argument("--init", help="start from these weights (fine-tuning), fresh optimizer")
    ap.add_argument("--qat", action="store_true", help="quantization-aware training")
    ap.add_argument("--bf16-grad", action="store_true",
                    help="backward's matrix products in bfloat16 (CPUs with AVX512-BF16 or AMX: faster steps)")
    ap.add_argument("--d", type=int, default=128)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ff", type=int, default=512)
    ap.add_argument("--ctx", type=int, default=512)
    ap.add_argument("--act", choices=["gelu", "relu"], help="FFN activation (overrides a checkpoint's)")
    args = ap.parse_args()

    args.cosine_steps = args.cosine_steps or args.steps
    torch.set_num_threads(args.threads)
    if args.device.startswith("cuda"):
        # TF32 matrix products: training only (the shipped network is the integer one export.py writes)
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    last = os.path.join(args.out, "last.pt")
    logf = open(os.path.join(args.out, "train.log"), "a")

    def log(s):
        print(s, flush=True)
        logf.write(s + "\n")
        logf.flush()

    cfg = Config(ctx=args.ctx, d=args.d, n_layer=args.layers, n_head=args.heads, d_ff=args.ff,
                 act=args.act or "gelu")
    step, elapsed = 0, 0.0
    src = last if os.path.exists(last) else args.init
    # our own checkpoints (optimizer state, argument dicts): torch >= 2.6 would load weights only by default
    state = torch.load(src, map_location="cpu", weights_only=False) if src else None
    if state:
        cfg = Config(**state["cfg"])
        if args.act:
            cfg.act = args.act
    model = ByteLM(cfg)
    if state:
        model.load_state_dict(state["model"])
    if args.qat:
        model.set_quant(True)
    model.set_bf16_grad(args.bf16_grad)
    model.to(args.device)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.wd},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.98))
    if state and src == last:
        opt.load_state_dict(state["opt"])
        step, elapsed = state["step"], state["elapsed"]
        log(f"resumed from {last} at step {step}")
    elif state:
        log(f"initialised from {args.init}")
    log(f"config {cfg.dict()} params {model.n_params()} qat={args.qat} device={args.device} "
        f"args={vars(args)}")

    train = load_bytes(glob.glob(os.path.join(args.data, "train-*.bin")))
    valid = np.fromfile(os.path.join(args.data, "valid.bin"), dtype=np.uint8)
    log(f"train {len(train)} bytes, valid {len(valid)} bytes")
    mix = Mix(os.path.join(args.data, "manifest.tsv"), args.mix, len(train)) if args.mix else None

    def save():
        torch.save({"cfg": cfg.dict(), "model": model.state_dict(), "opt": opt.state_dict(),
                    "step": step, "elapsed": elapsed, "qat": args.qat, "args": vars(args)},
                   last + ".tmp")
        os.replace(last + ".tmp", last)

    def lr_at(i):
        if args.time_budget:  # the leg's minutes, those before a resume included
            done = (el0 + time.time() - t_start) / 60 / args.time_budget
        else:
            done = i / args.cosine_steps
        return args.lr * min(1.0, (i + 1) / args.warmup) * (
            0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, done))))

    t_ck = t_start = time.time()
    el0 = elapsed
    ema = None
    while step < args.steps:
        lr = lr_at(step)
        if args.cooldown_from is not None and step >= args.cooldown_from:
            # linear cool-down to zero from the schedule's value at cooldown_from
            lr = lr_at(args.cooldown_from) * (args.steps - step) / max(1, args.steps - args.cooldown_from)
        for g in opt.param_groups:
            g["lr"] = lr
        xb = batch(train, step, args.seed, args.batch, cfg.ctx, args.crlf, mix).to(args.device)
        logits = model(xb[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, 256), xb[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        elapsed = el0 + time.time() - t_start
        bpb = loss.item() / math.log(2)
        ema = bpb if ema is None else 0.98 * ema + 0.02 * bpb
        if step % 50 == 0:
            log(f"step {step} train_bpb {ema:.4f} lr {lr:.2e} elapsed {elapsed / 60:.1f}min")
        if step % args.eval_every == 0 or step == args.steps:
            log(f"step {step} valid_bpb {evaluate(model, valid, cfg.ctx, args.device):.4f}")
        if time.time() - t_ck > args.ckpt_every or step == args.steps:
            save()
            t_ck = time.time()
        if (time.time() - t_start) / 60 > args.max_minutes or (
                args.time_budget and elapsed / 60 > args.time_budget):
            break
    if step % args.eval_every != 0 and step != args.steps:  # stopped on time: the figure it stopped at
        log(f"step {step} valid_bpb {evaluate(model, valid, cfg.ctx, args.device):.4f}")
    save()
    log(f"stopped at step {step}, {elapsed / 60:.1f} min")
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump({"step": step, "elapsed_s": elapsed, "cfg": cfg.dict(), "params": model.n_params(),
                   "qat": args.qat}, f)


if __name__ == "__main__":
    main()
