#!/bin/bash
# One prepared call for a lent GPU machine (training/README.md, "On a lent GPU"): records the machine,
# checks the shipped integer graph on ONNX Runtime's CUDA provider against the golden vectors and
# times it (training/tools/cuda_check.py), then trains a QAT leg for MINUTES of wall clock from the
# packed checkpoint (training/device_pack.sh) and leaves last.pt and the logs in $OUT.
#
#   device run: command "training/device_leg.sh 5.5", carry ["training/work/carry"], timeout_s 590
#
# Environment: PY (python3), BATCH (256), LR (3e-4), SEED (7001), MIX (the session-13 literature mix), DEVICE (cuda;
# cpu for a dry run here), SKIP_CHECK=1 to train only. Extra arguments go to train.py.
set -uo pipefail
cd "$(dirname "$0")/.."
: "${OUT:?OUT must name the folder whose files come back (the device tool sets it)}"
MIN=${1:-6}
shift || true
C=training/work/carry
PY=${PY:-$(command -v python3)}
MIX=${MIX:-prose=3,dict-gcide=6,debian-handbook=6,fortunes=20,fortunes-min=20,dict-devil=20}
[ -f "$C/corpus.tar.xz" ] && [ -f "$C/init.pt" ] || { echo "no $C: run training/device_pack.sh and carry it" >&2; exit 2; }
{
  date -u
  nvidia-smi 2>&1 | head -15
  $PY -c "import sys, torch, numpy; print(sys.version.split()[0], 'torch', torch.__version__, 'cuda', torch.cuda.is_available(), 'numpy', numpy.__version__)"
  $PY -c "import onnxruntime as o; print('onnxruntime', o.__version__, o.get_available_providers())" 2>&1 | tail -1
} > "$OUT/machine.txt" 2>&1
T0=$(date +%s)
D=${TMPDIR:-/tmp}/kolmo-corpus
mkdir -p "$D"
$PY -c "import lzma, sys, tarfile; tarfile.open(fileobj=lzma.open(sys.argv[1])).extractall(sys.argv[2])" \
  "$C/corpus.tar.xz" "$D" || { echo "corpus unpack failed" >&2; exit 3; }
echo "corpus unpacked in $(( $(date +%s) - T0 )) s: $(cat "$D"/train-*.bin | wc -c) train bytes" >> "$OUT/machine.txt"
if [ "${SKIP_CHECK:-0}" != 1 ]; then
  timeout 170 $PY training/tools/cuda_check.py --out "$OUT" --seconds 3 --step-batches 1,64,256 > "$OUT/cuda_check.txt" 2>&1
  echo "cuda_check exit $?" >> "$OUT/cuda_check.txt"
  cat "$OUT/cuda_check.txt"
fi
L=${TMPDIR:-/tmp}/kolmo-leg
PYTHONUNBUFFERED=1 $PY training/train.py --data "$D" --out "$L" --init "$C/init.pt" --device "${DEVICE:-cuda}" \
  --threads 8 --qat --time-budget "$MIN" --steps 100000000 --batch "${BATCH:-256}" --lr "${LR:-3e-4}" \
  --warmup 100 --seed "${SEED:-7001}" --crlf 0.3 --eval-every 1000 --ckpt-every 60 --mix "$MIX" "$@" \
  > "$OUT/train.out" 2>&1
RC=$?
cp "$L/last.pt" "$L/summary.json" "$OUT/" 2>/dev/null
# the same weights through numpy, should this machine's torch.save format not load in Debian's torch 1.13
$PY training/tools/ckpt_npz.py to-npz "$L/last.pt" "$OUT/last.npz" || echo "no last.npz"
grep valid_bpb "$OUT/train.out" | tail -5
tail -2 "$OUT/train.out"
echo "train.py exit $RC; $(( $(date +%s) - T0 )) s in all"
exit $RC
