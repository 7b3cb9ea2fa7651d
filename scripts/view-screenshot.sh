#!/usr/bin/env bash
# Makes the README's screenshots of `quotesmith view` (docs/view.png, docs/view-narrow.png)
# from data/samples, with headless Chromium (Debian's `chromium`; no network is used).
#
#   scripts/view-screenshot.sh        # after `cargo build --release`
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${QUOTESMITH_BIN:-$root/target/release/quotesmith}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" extract "$root/data/samples" --no-progress -o "$work/samples.jsonl"
"$bin" view "$work/samples.jsonl" --input "$root/data/samples" -o "$work/samples.html"
shot() { # WIDTH HEIGHT FILE
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run \
        --user-data-dir="$work/profile-$1" --hide-scrollbars --window-size="$1,$2" \
        --screenshot="$3" "file://$work/samples.html" 2>/dev/null
}
shot 1280 1000 "$root/docs/view.png"
shot 390 844 "$root/docs/view-narrow.png"
