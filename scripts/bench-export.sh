#!/usr/bin/env bash
# Cost of writing tables vs JSON Lines (issue 19): runs `extract` (fast mode) over the same
# input with each output format, interleaved, and prints wall time, CPU time (user + sys)
# and peak resident memory for each run, then the medians.
#
#   scripts/bench-export.sh [INPUT] [RUNS] [THREADS]
#   (default: ../shared/data/polnear/train/text, 7 runs, 1 thread)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${QUOTESMITH_BIN:-$root/target/release/quotesmith}"
input="${1:-$root/../shared/data/polnear/train/text}"
runs="${2:-7}"
threads="${3:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
declare -A wall cpu
for ((i = 1; i <= runs; i++)); do
    for fmt in jsonl parquet csv; do
        out="$work/out.$fmt"
        rm -rf "$out" "$out".errors.jsonl
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
            "$bin" extract "$input" --no-progress -j "$threads" --format "$fmt" -o "$out" 2>/dev/null
        read -r e u s m < "$work/time"
        c=$(echo "$u + $s" | bc)
        echo "run $i $fmt: wall ${e}s cpu ${c}s maxrss ${m}KB"
        wall[$fmt]+="$e "
        cpu[$fmt]+="$c "
    done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for fmt in jsonl parquet csv; do
    echo "median $fmt: wall $(echo "${wall[$fmt]}" | median)s cpu $(echo "${cpu[$fmt]}" | median)s"
done
