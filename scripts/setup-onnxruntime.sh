#!/usr/bin/env bash
# Sets up the `onnx` engine (`--backend onnx`, `--backend onnx-int8`): the ONNX Runtime
# 1.31.1 library from its PyPI wheel, and the model exported to ONNX in f32 and int8.
#
#   scripts/setup-onnxruntime.sh               # set up (idempotent: a second run returns at once)
#   eval "$(scripts/setup-onnxruntime.sh --print-env)"   # set up, then export ORT_DYLIB_PATH
#   scripts/setup-onnxruntime.sh --lib-only    # the library only, no model export
#   cargo build --release --features onnx
#
# What it does:
# 1. `pip download` the onnxruntime 1.31.1 wheel (cp311, manylinux_2_28 x86_64, 24 MB),
#    checks its sha256 and unpacks only onnxruntime/capi/libonnxruntime.so.1.31.1 into the
#    cache (the `ort` crate opens it at run time: its `load-dynamic` feature).
# 2. Makes a small virtual environment in the cache with pinned onnx, onnxruntime, numpy and
#    safetensors (no torch), and runs training/export_onnx.py with it: model.onnx (f32, 64 MB)
#    and model.int8.onnx (34 MB) in the model folder, next to model.safetensors, ignored by
#    git. Both are derived from model.safetensors and config.json alone; model.onnx.source
#    records the sha256 of those files and of the script, and the export runs again only
#    when they change.
#
# Environment:
#   QUOTESMITH_ONNXRUNTIME_CACHE  the cache (default ~/.cache/quotesmith/onnxruntime-1.31.1);
#                                 quotesmith looks for lib/libonnxruntime.so.1.31.1 there when
#                                 ORT_DYLIB_PATH is not set
#   QUOTESMITH_MODEL_DIR          the model folder to export (default models/transformer)
#   QUOTESMITH_WHEEL_DIR          use the onnxruntime wheel in this folder instead of downloading
#   PYTHON                        the Python for pip and the virtual environment (default python3)
set -euo pipefail

VERSION=1.31.1
WHEEL=onnxruntime-1.31.1-cp311-cp311-manylinux_2_28_x86_64.whl
WHEEL_SHA=5752bd508126ae7c49894d3b9d2e83f0c3d487319246d04c444b393308d7ad7f
LIB=libonnxruntime.so.$VERSION
STAMP="onnxruntime $VERSION cpu; $WHEEL_SHA"
WHEEL_FILES=("$WHEEL")
WHEEL_SHAS=("$WHEEL_SHA")
# The export's environment, every package pinned (what pip resolved for these on 2026-12-03).
EXPORT_REQS=(onnx==1.23.2 onnxruntime==1.31.1 numpy==2.4.6 safetensors==0.8.0
    protobuf==7.36.2 ml_dtypes==0.7.0 flatbuffers==25.12.19 packaging==26.4
    typing_extensions==4.16.0)

root=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${QUOTESMITH_ONNXRUNTIME_CACHE:-${HOME:?HOME is not set}/.cache/quotesmith/onnxruntime-$VERSION}
MODEL_DIR=${QUOTESMITH_MODEL_DIR:-$root/models/transformer}
PYTHON=${PYTHON:-python3}

SETUP_NAME=setup-onnxruntime
# die, say, usage, start_cache, fetch_wheels.
source "$root/scripts/lib/wheel.sh"

print_env=false
lib_only=false
for arg in "$@"; do
    case "$arg" in
        --print-env) print_env=true ;;
        --lib-only) lib_only=true ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument '$arg'" "usage: $0 [--print-env] [--lib-only]" ;;
    esac
done

need_python() {
    command -v "$PYTHON" >/dev/null 2>&1 ||
        die "'$PYTHON' is not installed; it is needed $1" \
            "install Python 3 with pip and venv (apt-get install python3-pip python3-venv) or set PYTHON"
    "$PYTHON" -m pip --version >/dev/null 2>&1 ||
        die "'$PYTHON -m pip' does not work; pip is needed $1" \
            "install it (apt-get install python3-pip, or $PYTHON -m ensurepip)"
}

# --- 1. the library ---
setup_lib() {
    if [[ -f "$CACHE/.complete" ]]; then
        [[ "$(cat "$CACHE/.complete")" == "$STAMP" ]] ||
            die "$CACHE holds a different ONNX Runtime than $VERSION from this script" \
                "found: $(head -c 200 "$CACHE/.complete")" \
                "remove that folder, or point QUOTESMITH_ONNXRUNTIME_CACHE elsewhere, and run again"
        [[ -f "$CACHE/lib/$LIB" ]] ||
            die "$CACHE/lib/$LIB is missing: the folder was changed by hand" \
                "remove $CACHE and run again"
        return
    fi
    for tool in unzip sha256sum; do
        command -v "$tool" >/dev/null 2>&1 ||
            die "'$tool' is not installed" "on Debian/Ubuntu: apt-get install unzip coreutils"
    done
    start_cache "$CACHE" QUOTESMITH_ONNXRUNTIME_CACHE
    [[ -n "${QUOTESMITH_WHEEL_DIR:-}" ]] ||
        need_python "to download the onnxruntime wheel from PyPI (or set QUOTESMITH_WHEEL_DIR to a folder with $WHEEL)"
    fetch_wheels "$WORK/wheels" manylinux_2_28_x86_64 "onnxruntime $VERSION (24 MB)" \
        "onnxruntime==$VERSION"
    mkdir -p "$WORK/root/lib"
    unzip -q -o -j "$WHEELS/$WHEEL" "onnxruntime/capi/$LIB" -d "$WORK/root/lib" ||
        die "$WHEEL has no onnxruntime/capi/$LIB"
    printf '%s' "$STAMP" >"$WORK/root/.complete"
    rmdir "$CACHE" 2>/dev/null || true
    mv "$WORK/root" "$CACHE"
    rm -rf "$WORK"
    trap - EXIT
    say "ONNX Runtime $VERSION is ready in $CACHE"
}

# --- 2. the export environment and the ONNX models ---
setup_venv() {
    local venv="$CACHE/venv" want
    want=$(printf '%s\n' "${EXPORT_REQS[@]}")
    if [[ -x "$venv/bin/python" && "$(cat "$venv/.complete" 2>/dev/null)" == "$want" ]]; then
        return
    fi
    need_python "to make the export's virtual environment"
    "$PYTHON" -m venv --help >/dev/null 2>&1 ||
        die "'$PYTHON -m venv' does not work" "install it (apt-get install python3-venv)"
    say "making the export environment in $venv (onnx, onnxruntime, numpy, safetensors)"
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv" || die "could not create $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${EXPORT_REQS[@]}" ||
        die "pip could not install the export's packages (see its message above)" \
            "needed: ${EXPORT_REQS[*]}"
    printf '%s\n' "$want" >"$venv/.complete"
}

export_models() {
    for f in config.json model.safetensors; do
        [[ -f "$MODEL_DIR/$f" ]] ||
            die "$MODEL_DIR/$f not found" "restore the model folder, or set QUOTESMITH_MODEL_DIR"
    done
    local py="$CACHE/venv/bin/python" script="$root/training/export_onnx.py" want
    want=$("$py" "$script" --model-dir "$MODEL_DIR" --stamp) || die "export_onnx.py --stamp failed"
    if [[ -f "$MODEL_DIR/model.onnx" && -f "$MODEL_DIR/model.int8.onnx" &&
        "$(cat "$MODEL_DIR/model.onnx.source" 2>/dev/null)" == "$want" ]]; then
        return
    fi
    say "exporting $MODEL_DIR to model.onnx and model.int8.onnx"
    rm -f "$MODEL_DIR/model.onnx.source"
    "$py" "$script" --model-dir "$MODEL_DIR" 2> >(grep -v 'pre-processing before quantization' >&2) ||
        die "training/export_onnx.py failed (see its message above)"
}

setup_lib
if ! $lib_only; then
    setup_venv
    export_models
fi
if $print_env; then
    printf 'export ORT_DYLIB_PATH=%q\n' "$CACHE/lib/$LIB"
else
    say "ready: ORT_DYLIB_PATH=$CACHE/lib/$LIB"
fi
