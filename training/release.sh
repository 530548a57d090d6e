#!/bin/bash
# Turns a training checkpoint into the default model shipped in codec-model:
# export (weights, ONNX graphs, golden vectors), evaluation on the Canterbury text files (float, in
# PyTorch), the ONNX Runtime Java check (golden vectors, integer bits/byte, throughput), the model card,
# and the copy into codec-model's resources. Every figure in the card comes from these runs.
#
#   training/release.sh training/work/run2/last.pt [MAX_BYTES]
#
# CARD_NOTES adds a notes line to the card; CARD_TRAINING replaces its training line (which otherwise
# describes only the checkpoint's own leg) with the history of every leg.
#
# Run from the repository root after `./mvnw -q -B package -DskipTests` (for the ONNX Runtime jar).
set -euo pipefail
cd "$(dirname "$0")/.."
CKPT=${1:?checkpoint}
MAX=${2:-65536}
W=training/work/release
DATA=$(realpath "${KOLMO_DATA:-../shared/data}")/canterbury
JAR=$(ls examples/target/lib/onnxruntime-*.jar | head -1)
PY=/usr/bin/python3
mkdir -p "$W"
FILES="$DATA/alice29.txt $DATA/asyoulik.txt $DATA/lcet10.txt $DATA/plrabn12.txt $DATA/cp.html $DATA/fields.c
  $DATA/grammar.lsp $DATA/xargs.1 $DATA/large/bible.txt $DATA/large/world192.txt"
$PY training/export.py --ckpt "$CKPT" --out "$W/export" --valid-bytes 65536 > "$W/export.log" 2>&1
echo "export done: $(tail -1 "$W/export.log")"
$PY training/evaluate.py --ckpt "$CKPT" --max-bytes "$MAX" --full alice29.txt \
  --out "$W/eval.json" $FILES > "$W/eval.log" 2>&1 &
EVAL=$!
E="$W/export"
# alice29.txt timed as kolmo runs the network: batches of 8 windows, two one-thread runs at once
java -Dbatch=8 -Dthreads=1 -Dconcurrent=2 -cp "$JAR" training/tools/OrtCheck.java "$E/default.onnx" \
  "$E/default-step.onnx" "$E/golden/golden.bin" "$DATA/alice29.txt" 2>&1 | grep -v MergeShape > "$W/ort.txt"
java -Dmaxbytes="$MAX" -cp "$JAR" training/tools/OrtCheck.java "$E/default.onnx" "$E/default-step.onnx" \
  "$E/golden/golden.bin" $(echo $FILES | cut -d' ' -f2-) 2>&1 | grep -v MergeShape \
  | grep -v "^metadata\|^golden\|GOLDEN" >> "$W/ort.txt"
grep -q "GOLDEN OK" "$W/ort.txt" || { echo "ONNX Runtime disagrees with the golden vectors" >&2; exit 1; }
wait $EVAL
R=codec-model/src/main/resources/io/kolmo/model
cp "$E/default-step.onnx" "$R/default.onnx"
cp "$E/default.weights" "$R/default.weights"
cp "$E/golden/golden.bin" codec-model/src/test/resources/io/kolmo/model/golden/golden.bin
$PY training/card.py --export "$E/export.json" --eval "$W/eval.json" --ort "$W/ort.txt" --out "$R/MODEL_CARD.md" \
  ${CARD_NOTES:+--notes "$CARD_NOTES"} ${CARD_TRAINING:+--training "$CARD_TRAINING"}
echo "released $(sha256sum "$R/default.weights" | cut -c1-16) into $R"
