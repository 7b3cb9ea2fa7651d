#!/usr/bin/env bash
# Fails when the library built without default features depends on a crate that only the
# command-line tool or a transformer engine needs (issue: a lean library for embedders).
#
#   scripts/check-lean-library.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p quotesmith -e normal --no-default-features --prefix none --format '{p}')
bad=$(printf '%s\n' "$tree" | grep -E '^(clap|anyhow|indicatif|ctrlc|candle-core|candle-nn|candle-transformers|tokenizers|rust-bert|tch|parquet|arrow-array|arrow-schema|arrow-buffer|csv) ' | sort -u || true)
if [ -n "$bad" ]; then
    echo "the library without default features still depends on:" >&2
    printf '  %s\n' $bad >&2
    exit 1
fi
echo "lean library: none of clap, anyhow, indicatif, ctrlc, candle, tokenizers, rust-bert, tch, parquet, arrow, csv"
