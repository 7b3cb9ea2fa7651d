#!/usr/bin/env bash
# Whole-process cost of each mode, as a user runs it: the same PolNeAR dev articles through
# `quotesmith extract` on one thread, with user CPU time, wall time and peak resident memory.
#
#   scripts/compare-modes.sh [N_ARTICLES] [REPS]   (defaults 20 and 3; needs ../shared/data/polnear/dev)
#
# Builds the release binary first (QUOTESMITH_BIN=path skips that and runs that binary). The
# articles are the first N of the dev split in name order, copied to a temporary folder so
# that every mode reads the same bytes. Each mode runs REPS times, in turn with the others;
# the table shows the fastest run by user CPU time, the figure that depends least on what
# else the machine is doing (on a shared machine wall time mostly measures the others).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
reps=${2:-3}
src=../shared/data/polnear/dev/text
[ -d "$src" ] || { echo "compare-modes: $src not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare-modes: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
bin=${QUOTESMITH_BIN:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=target/release/quotesmith
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
ls "$src" | sort | head -n "$n" | while read -r f; do cp "$src/$f" "$tmp/in/"; done
chars=$(cat "$tmp"/in/* | wc -m)
printf '%d articles, %d characters, 1 thread, best of %d runs\n\n' "$n" "$chars" "$reps"
modes=(
    "fast|--attribution fast"
    "--attribution combined|--attribution combined"
    "--attribution transformer|--attribution transformer"
    "--ner transformer --attribution combined|--ner transformer --attribution combined"
)
for rep in $(seq "$reps"); do
    for m in "${modes[@]}"; do
        IFS='|' read -r name flags <<< "$m"
        # shellcheck disable=SC2086 # the flags are words
        /usr/bin/time -f "$rep|$name|%U|%e|%M" -a -o "$tmp/times" "$bin" extract "$tmp/in" \
            --threads 1 --no-progress -o "$tmp/out.jsonl" $flags 2>/dev/null
    done
done
printf '| mode | user CPU s | wall s | articles/s per core (CPU) | peak RSS (MB) |\n|---|---|---|---|---|\n'
for m in "${modes[@]}"; do
    IFS='|' read -r name _ <<< "$m"
    awk -F'|' -v m="$name" -v n="$n" '$2 == m && (best == "" || $3 < best) { best = $3; wall = $4; kb = $5 }
        END { printf "| %s | %.2f | %.2f | %.1f | %.0f |\n", m, best, wall, (best > 0 ? n / best : 0), kb / 1024 }' "$tmp/times"
done
