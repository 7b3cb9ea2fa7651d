#!/usr/bin/env bash
# Builds the CPU libtorch 2.4.0 that the `rust-bert` feature links against (tch 0.17), from
# PyPI wheels, since torch-sys's own download is not reachable from every machine.
#
#   scripts/setup-libtorch.sh               # set up (idempotent: a second run returns at once)
#   eval "$(scripts/setup-libtorch.sh --print-env)"   # set up, then export LIBTORCH & co.
#   cargo test --release --features rust-bert
#
# What it does: `pip download` the torch 2.4.0 wheel (cp311, manylinux1 x86_64) and the two
# NVIDIA runtime wheels its CPU library links against, checks their sha256, and unpacks
# torch/include, libc10, libtorch_cpu, torch's libgomp and the NVIDIA libraries. The real
# libtorch.so needs libtorch_cuda (900 MB), so it is replaced by an empty stub: torch-sys
# links -ltorch, but everything it calls is in libtorch_cpu. About 570 MB on disk.
#
# Environment:
#   QUOTESMITH_LIBTORCH_CACHE  where to put it (default ~/.cache/quotesmith/libtorch-2.4.0)
#   QUOTESMITH_WHEEL_DIR       use the wheels in this folder instead of downloading them
#   QUOTESMITH_REQUIRED_MB     free space needed before starting (default 2600)
#   PYTHON                     the Python whose pip downloads (default python3)
set -euo pipefail

VERSION=2.4.0
TORCH_WHEEL=torch-2.4.0-cp311-cp311-manylinux1_x86_64.whl
TORCH_SHA=e743adadd8c8152bb8373543964551a7cb7cc20ba898dc8f9c0cdbe47c283de0
CUDART_WHEEL=nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl
CUDART_SHA=6e258468ddf5796e25f1dc591a31029fa317d97a0a94ed93468fc86301d61e40
CUPTI_WHEEL=nvidia_cuda_cupti_cu12-12.1.105-py3-none-manylinux1_x86_64.whl
CUPTI_SHA=e54fde3983165c624cb79254ae9818a456eb6e87a7fd4d56a2352c24ee542d7e
STAMP="libtorch $VERSION cpu; $TORCH_SHA $CUDART_SHA $CUPTI_SHA"
WHEEL_FILES=("$TORCH_WHEEL" "$CUDART_WHEEL" "$CUPTI_WHEEL")
WHEEL_SHAS=("$TORCH_SHA" "$CUDART_SHA" "$CUPTI_SHA")

CACHE=${QUOTESMITH_LIBTORCH_CACHE:-${HOME:?HOME is not set}/.cache/quotesmith/libtorch-$VERSION}
REQUIRED_MB=${QUOTESMITH_REQUIRED_MB:-2600}
PYTHON=${PYTHON:-python3}

SETUP_NAME=setup-libtorch
# die, say, usage, start_cache, get_wheels, check_wheels.
source "$(dirname "$0")/lib/wheel.sh"

print_env=false
case "${1:-}" in
    "") ;;
    --print-env) print_env=true ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument '$1'" "usage: $0 [--print-env]" ;;
esac

emit_env() {
    local lib="$CACHE/torch/lib"
    printf 'export LIBTORCH=%q\n' "$CACHE/torch"
    printf 'export LIBTORCH_CXX11_ABI=0\n'
    printf 'export LD_LIBRARY_PATH=%q${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}\n' "$lib"
}

# An existing setup: check that it is the version this script makes, then we are done.
if [[ -f "$CACHE/.complete" ]]; then
    if [[ "$(cat "$CACHE/.complete")" != "$STAMP" ]]; then
        die "$CACHE holds a different libtorch than $VERSION (cpu) from this script" \
            "found: $(head -c 200 "$CACHE/.complete")" \
            "remove that folder, or point QUOTESMITH_LIBTORCH_CACHE elsewhere, and run again"
    fi
    if [[ "$(cat "$CACHE/torch/build-version" 2>/dev/null)" != "$VERSION" ]]; then
        die "$CACHE/torch/build-version does not say $VERSION: the folder was changed by hand" \
            "remove $CACHE and run again"
    fi
    if $print_env; then emit_env; else say "libtorch $VERSION is ready in $CACHE"; fi
    exit 0
fi

# Tools first, so that a missing one is reported before anything is downloaded.
for tool in unzip sha256sum cc; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "'$tool' is not installed" "on Debian/Ubuntu: apt-get install unzip coreutils gcc g++"
done
if [[ -z "${QUOTESMITH_WHEEL_DIR:-}" ]]; then
    command -v "$PYTHON" >/dev/null 2>&1 ||
        die "'$PYTHON' is not installed; it is needed to download the torch wheel from PyPI" \
            "install Python 3 with pip (apt-get install python3-pip), set PYTHON to one," \
            "or download the wheels yourself and set QUOTESMITH_WHEEL_DIR to their folder:" \
            "$TORCH_WHEEL" "$CUDART_WHEEL" "$CUPTI_WHEEL"
    "$PYTHON" -m pip --version >/dev/null 2>&1 ||
        die "'$PYTHON -m pip' does not work; pip is needed to download the torch wheel from PyPI" \
            "install it (apt-get install python3-pip, or $PYTHON -m ensurepip)," \
            "or download the wheels yourself and set QUOTESMITH_WHEEL_DIR to their folder"
fi

start_cache "$CACHE" QUOTESMITH_LIBTORCH_CACHE
parent=$(dirname "$CACHE")
free_mb=$(df -Pm "$parent" | awk 'NR == 2 { print $4 }')
if [[ -z "$free_mb" || "$free_mb" -lt "$REQUIRED_MB" ]]; then
    die "not enough disk space in $parent: ${free_mb:-?} MB free, $REQUIRED_MB MB needed" \
        "(the wheels are about 810 MB, the unpacked libtorch about 570 MB)" \
        "free some space, or set QUOTESMITH_LIBTORCH_CACHE to a folder on a bigger disk"
fi

get_wheels "$WORK/wheels" manylinux1_x86_64 \
    "torch $VERSION and two NVIDIA runtime wheels (about 810 MB)" \
    "torch==$VERSION" nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105
say "checking sha256 sums"
check_wheels

say "unpacking"
root="$WORK/root"
mkdir -p "$root"
unzip -q -o "$WHEELS/$TORCH_WHEEL" -d "$root" 'torch/include/*' 'torch/lib/libc10.so' \
    'torch/lib/libtorch_cpu.so' 'torch/lib/libgomp-*'
unzip -q -o "$WHEELS/$CUDART_WHEEL" -d "$root" 'nvidia/*/lib/*.so*'
unzip -q -o "$WHEELS/$CUPTI_WHEEL" -d "$root" 'nvidia/*/lib/*.so*'

# libtorch.so: an empty library in place of the one that needs libtorch_cuda.
printf '' | cc -shared -fPIC -x c -o "$root/torch/lib/libtorch.so" - ||
    die "the C compiler could not build the libtorch.so stub"
printf '%s' "$VERSION" >"$root/torch/build-version"
printf '%s' "$STAMP" >"$root/.complete"

rmdir "$CACHE" 2>/dev/null || true
mv "$root" "$CACHE"
say "libtorch $VERSION is ready in $CACHE ($(du -sm "$CACHE" | cut -f1) MB)"
if $print_env; then emit_env; fi
