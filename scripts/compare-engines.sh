#!/usr/bin/env bash
# Whole-process cost of each transformer engine, as a user runs it: the same PolNeAR dev
# articles through `quotesmith extract --attribution combined --threads 1 --backend ENGINE`,
# with user and system CPU time, wall time and peak resident memory (/usr/bin/time).
#
#   scripts/compare-engines.sh [N_ARTICLES] [REPS] [ENGINES...]
#       defaults: 20 articles, 3 runs, engines candle onnx onnx-int8
#
# Needs ../shared/data/polnear/dev and a binary built with the engines' features:
# QUOTESMITH_BIN=path runs that binary, else this builds `--features onnx` (after
# `scripts/setup-onnxruntime.sh`). Each engine runs REPS times, in turn with the others; the
# table shows the fastest run by user CPU time and the range over the runs (on a shared
# machine wall time mostly measures the others). The engines' outputs are compared too: an
# engine whose output differs from the first engine's is marked.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
reps=${2:-3}
shift $(($# > 2 ? 2 : $#))
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(candle onnx onnx-int8)
src=../shared/data/polnear/dev/text
[ -d "$src" ] || { echo "compare-engines: $src not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare-engines: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
bin=${QUOTESMITH_BIN:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet --features onnx
    bin=target/release/quotesmith
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
ls "$src" | sort | head -n "$n" | while read -r f; do cp "$src/$f" "$tmp/in/"; done
chars=$(cat "$tmp"/in/* | wc -m)
printf '%d articles, %d characters, --attribution combined, 1 thread, %d runs each\n\n' \
    "$n" "$chars" "$reps"
for rep in $(seq "$reps"); do
    for e in "${engines[@]}"; do
        /usr/bin/time -f "$rep|$e|%U|%S|%e|%M" -a -o "$tmp/times" "$bin" extract "$tmp/in" \
            --threads 1 --no-progress -o "$tmp/out-$e.jsonl" --attribution combined \
            --backend "$e" 2>"$tmp/err-$e" || { cat "$tmp/err-$e" >&2; exit 1; }
    done
done
printf '| engine | user CPU s (best; range) | system CPU s | wall s | articles/s per core (user CPU) | peak RSS (MB) | output |\n'
printf '|---|---|---|---|---|---|---|\n'
for e in "${engines[@]}"; do
    same="same as ${engines[0]}"
    cmp -s "$tmp/out-$e.jsonl" "$tmp/out-${engines[0]}.jsonl" || same="differs from ${engines[0]}"
    [ "$e" = "${engines[0]}" ] && same="-"
    awk -F'|' -v m="$e" -v n="$n" -v same="$same" '$2 == m {
            if (best == "" || $3 < best) { best = $3; sys = $4; wall = $5 }
            if (lo == "" || $3 < lo) lo = $3; if (hi == "" || $3 > hi) hi = $3
            if ($6 > kb) kb = $6 }
        END { printf "| %s | %.2f (%.2f-%.2f) | %.2f | %.2f | %.2f | %.0f | %s |\n",
              m, best, lo, hi, sys, wall, (best > 0 ? n / best : 0), kb / 1024, same }' "$tmp/times"
done
