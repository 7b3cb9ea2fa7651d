#!/usr/bin/env bash
# Whole-process cost of each mode, as a user runs it: the same 20 PolNeAR dev articles
# through `quotesmith extract` on one thread, with wall time and peak resident memory.
#
#   scripts/compare-modes.sh [N_ARTICLES]     (default 20; needs ../shared/data/polnear/dev)
#
# Builds the release binary first. The articles are the first N of the dev split in name
# order, copied to a temporary folder so that every mode reads the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
src=../shared/data/polnear/dev/text
[ -d "$src" ] || { echo "compare-modes: $src not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare-modes: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
cargo build --release --quiet
bin=target/release/quotesmith
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
ls "$src" | sort | head -n "$n" | while read -r f; do cp "$src/$f" "$tmp/in/"; done
chars=$(cat "$tmp"/in/* | wc -m)
printf '%d articles, %d characters, 1 thread\n\n' "$n" "$chars"
printf '| mode | seconds | articles/s | peak RSS (MB) |\n|---|---|---|---|\n'
run() {
    local name=$1; shift
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" extract "$tmp/in" --threads 1 --no-progress \
        -o "$tmp/out.jsonl" "$@" 2>/dev/null
    read -r secs kb < "$tmp/time"
    awk -v m="$name" -v s="$secs" -v k="$kb" -v n="$n" \
        'BEGIN { printf "| %s | %.2f | %.1f | %.0f |\n", m, s, (s > 0 ? n / s : 0), k / 1024 }'
}
run "fast" --attribution fast
run "--attribution combined" --attribution combined
run "--attribution transformer" --attribution transformer
run "--ner transformer --attribution combined" --ner transformer --attribution combined
