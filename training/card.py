#!/usr/bin/python3
"""Write MODEL_CARD.md from measured results only (export.json, evaluation JSON, OrtCheck output).

  /usr/bin/python3 training/card.py --export training/work/export/export.json \
      --eval training/work/eval.json --ort training/work/ort.txt --out <dir>/MODEL_CARD.md
"""
import argparse
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
XZ = {"alice29.txt": 2.553, "asyoulik.txt": 2.850, "lcet10.txt": 2.240, "plrabn12.txt": 2.747}


def corpus_table(manifest):
    cats, pk = {}, {}
    for line in open(manifest).read().splitlines()[1:]:
        split, package, version, path, chunk, cat, size, sha = line.split("\t")
        cats[(split, cat)] = cats.get((split, cat), 0) + int(size)
        pk[(package, version)] = pk.get((package, version), 0) + int(size)
    return cats, pk


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--export", required=True)
    ap.add_argument("--eval", required=True)
    ap.add_argument("--ort", required=True)
    ap.add_argument("--throughput", help="OrtCheck output of a throughput-only run")
    ap.add_argument("--corpus", default=os.path.join(HERE, "work", "corpus"))
    ap.add_argument("--hardware", default="2-core x86-64 CPU (AVX2), shared with other jobs")
    ap.add_argument("--notes", default="")
    ap.add_argument("--training", help="the card's training line, replacing the one made from the last leg's "
                    "checkpoint (a model trained in several legs: list them all)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    ex = json.load(open(a.export))
    ev = json.load(open(a.eval))
    ort = open(a.ort).read()
    cats, pk = corpus_table(os.path.join(a.corpus, "manifest.tsv"))
    sums = open(os.path.join(a.corpus, "SHA256SUMS")).read()
    md = ex["metadata"]
    cfg = ex["cfg"]
    L = []
    w = L.append
    w("# kolmo default model: byte-level integer transformer\n")
    w(f"- model id (sha256 of the weight file): `{md['kolmo.model_id']}`")
    w(f"- architecture: decoder-only, vocabulary 256 bytes, context {cfg['ctx']}, d_model {cfg['d']}, "
      f"{cfg['n_layer']} layers, {cfg['n_head']} heads, FFN {cfg['d_ff']} ({cfg.get('act', 'gelu')}), "
      f"RMSNorm, learned positions; **{ex['params']:,} parameters**")
    w("- integer-only network (int8 activations, 7-bit weights, integer norms and attention, table "
      "exp); specification `training/INTEGER_NETWORK.md`; ONNX opset 17, no float operator")
    w(f"- files shipped in codec-model: `default.onnx` ({ex['size_default-step.onnx']:,} bytes: the KV-cache "
      f"graph; with an empty cache it is the full-window graph, so one file serves both modes) and "
      f"`default.weights` (flat integer weights, for the pure-Java reference); the export's separate "
      f"full-window graph ({ex['size_default.onnx']:,} bytes) is not shipped")
    if a.training:
        w(f"- training: {a.training}")
    else:
        w(f"- training: {ex['step']} steps of 8 x 512 bytes ({ex['step'] * 8 * 512 / 1e6:.1f} M bytes seen), "
          f"{ex['train_seconds'] / 60:.0f} min wall clock on {a.hardware}; AdamW, "
          f"{'seed ' + str(ex['seed']) if ex.get('seed') is not None else 'seed not recorded in the export'}; "
          f"{'sampling weights ' + ex['mix'] + '; ' if ex.get('mix') else ''}"
          f"quantisation: {'QAT fine-tune' if ex.get('qat') else 'post-training (ranges calibrated during training)'}")
    if a.notes:
        w(f"- notes: {a.notes}")
    w("\n## Training data\n")
    w("Built by `training/corpus.py` from pinned Debian bookworm packages (`training/packages.lock`): "
      "exact dedup, 64-byte-window overlap filter against every file in the benchmark corpora "
      "(Canterbury, large Canterbury, AG News), validation split by file (sha256 of path mod 50 == 0).\n")
    w("| split | category | MB |\n|---|---|---|")
    for (split, cat), n in sorted(cats.items()):
        w(f"| {split} | {cat} | {n / 2**20:.2f} |")
    w(f"\nCorpus manifest sha256 `{md['kolmo.corpus_manifest_sha256']}`; shard checksums:\n")
    w("```\n" + sums.strip() + "\n```")
    w("\n## Validation (held-out corpus files)\n")
    w(f"First {ex['valid_bytes']:,} bytes of `valid.bin`, window 512, stride {ex['stride']}:\n")
    w("| float | fake-quant | integer | integer vs float |\n|---|---|---|---|")
    w(f"| {ex['valid_bpb_float']:.4f} | {ex['valid_bpb_fakequant']:.4f} | {ex['valid_bpb_int']:.4f} | "
      f"{100 * ex['int_vs_float']:+.2f}% |")
    w("\n## Canterbury (transformer alone, never trained on)\n")
    w("Bits per byte, window 512 sliding within the file by 256 (every prediction after the first "
      "window has >= 256 bytes of context). Large files: only the first `scored` bytes were scored.\n")
    has_int = any("int_bpb" in r for r in ev)
    w("| file | size | scored | float | integer (ORT) | xz -9e |\n|---|---|---|---|---|---|")
    ortbpb = dict(re.findall(r"^(\S+): \d+ bytes, ([0-9.]+) bits/byte", ort, re.M))
    for r in ev:
        name = os.path.basename(r["file"])
        i = ortbpb.get(name, f"{r['int_bpb']:.3f}" if has_int and "int_bpb" in r else "")
        w(f"| {r['file']} | {r['size']:,} | {r['scored_bytes'] + 1:,} | {r['float_bpb']:.3f} | "
          f"{float(i):.3f} | {XZ.get(name, '')} |" if i else
          f"| {r['file']} | {r['size']:,} | {r['scored_bytes'] + 1:,} | {r['float_bpb']:.3f} | | {XZ.get(name, '')} |")
    w("\n## ONNX Runtime check (Java API)\n")
    w("```\n" + "\n".join(l for l in ort.splitlines() if not l.startswith("metadata")) + "\n```")
    if a.throughput:
        w("\nThroughput-only runs (full window, alice29.txt, ONNX Runtime 1.20.0 Java, CPU EP):\n")
        w("```\n" + open(a.throughput).read().strip() + "\n```")
    w("\n## Limitations\n")
    w("Tiny model, trained for minutes on two shared CPU cores: predictions are far weaker than "
      "context-mixing compressors on text. English prose is under half of the corpus. Positions are absolute "
      "within a 512-byte window; encoder and decoder must share the window schedule.")
    open(a.out, "w").write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
