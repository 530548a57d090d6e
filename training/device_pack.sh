#!/bin/bash
# Packs what a lent GPU machine needs for training/device_leg.sh into training/work/carry/ (ignored by
# git; name it in the device run's `carry`): the corpus, xz-compressed (the machine has no network and
# the working tree that travels is limited to 64 MiB), and the checkpoint to continue from with its
# optimizer state dropped (the leg starts a fresh optimizer through --init).
#
#   training/device_pack.sh [CHECKPOINT]      # default: the shipped weights, rebuilt by from_weights.py
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
C=training/work/carry
CORPUS=training/work/corpus
mkdir -p "$C"
[ -f "$CORPUS/valid.bin" ] || { echo "no corpus in $CORPUS: run training/corpus.py first" >&2; exit 1; }
if [ $# -ge 1 ]; then
  CKPT=$1
else
  CKPT=training/work/from-default.pt
  $PY training/from_weights.py codec-model/src/main/resources/io/kolmo/model/default.weights "$CKPT"
fi
$PY - "$CKPT" "$C/init.pt" <<'PYEOF'
import sys, torch
st = torch.load(sys.argv[1], map_location="cpu")
torch.save({k: v for k, v in st.items() if k != "opt"}, sys.argv[2])
PYEOF
if [ ! -f "$C/corpus.tar.xz" ] || [ "$CORPUS/manifest.tsv" -nt "$C/corpus.tar.xz" ]; then
  tar -C "$CORPUS" -cf - manifest.tsv valid.bin $(cd "$CORPUS" && ls train-*.bin) | xz -6 -T2 > "$C/corpus.tar.xz.tmp"
  mv "$C/corpus.tar.xz.tmp" "$C/corpus.tar.xz"
fi
sha256sum "$CORPUS"/manifest.tsv | cut -c1-16 > "$C/manifest.sha256"
du -b "$C"/* | sort -k2
echo "carry: $C ($(du -sb "$C" | cut -f1) bytes) + the tracked tree ($(git ls-files -z | du -cb --files0-from=- | tail -1 | cut -f1) bytes): 64 MiB at most"
