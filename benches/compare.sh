#!/usr/bin/env bash
# Benchmark tacha against a ripgrep baseline on a synthetic log corpus.
#
#   bash benches/compare.sh [corpus_dir]        (run from the repository root)
#
# Environment knobs: SIZE_MB (default 200), SEED (42), RUNS (5), WARMUP (1),
# MEM_BYTES (1073741824 = 1 GiB streamed on stdin for the memory check),
# SKIP_BUILD=1 to reuse the existing target/release/tacha.
# Prints clearly labelled figures meant to be pasted into a closing note.
set -euo pipefail

CORPUS="${1:-bench-corpus}"
SIZE_MB="${SIZE_MB:-200}"
SEED="${SEED:-42}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
MEM_BYTES="${MEM_BYTES:-1073741824}"
TACHA="target/release/tacha"
RESULTS_DIR="${RESULTS_DIR:-target/bench-results}"

if [[ ! -f Cargo.toml || ! -f benches/make_corpus.py ]]; then
  echo "compare.sh: run me from the repository root" >&2
  exit 2
fi
mkdir -p "$RESULTS_DIR"

section() { printf '\n=== %s ===\n' "$*"; }

# ---------------------------------------------------------------- 1. build
section "build"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  cargo build --release
fi
[[ -x "$TACHA" ]] || { echo "missing $TACHA" >&2; exit 2; }

# ---------------------------------------------------------------- 2. corpus
section "corpus"
if [[ ! -d "$CORPUS" ]] || [[ -z "$(ls -A "$CORPUS" 2>/dev/null)" ]]; then
  python3 benches/make_corpus.py --out "$CORPUS" --size-mb "$SIZE_MB" --seed "$SEED"
else
  echo "reusing existing corpus in $CORPUS"
fi
CORPUS_BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
CORPUS_FILES=$(find "$CORPUS" -type f | wc -l)
echo "corpus: $CORPUS  files=$CORPUS_FILES  bytes=$CORPUS_BYTES"

# ---------------------------------------------------------------- 3. tools
section "tools"
missing=()
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" || true
  else
    echo "not root: cannot apt-get install ${missing[*]}" >&2
  fi
fi
command -v rg >/dev/null 2>&1 || cargo install ripgrep
# hyperfine 1.21 and later need a newer rustc than some machines have: fall back to 1.20.
command -v hyperfine >/dev/null 2>&1 || cargo install hyperfine ||
  cargo install hyperfine --version 1.20.0 --locked
if [[ ! -x /usr/bin/time ]]; then
  echo "warning: /usr/bin/time unavailable, memory figures will be skipped" >&2
fi
echo "rg:        $(rg --version | sed -n 1p)"
echo "hyperfine: $(hyperfine --version)"
echo "tacha:     $("$TACHA" --version)"
echo "machine:   $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

# ---------------------------------------------------------------- 4. timing
# ONE rg alternation of five ASCII regexes (--no-unicode): SSN, e-mail,
# NANP-like phone, 16-digit card with optional separators, IPv4.
RE_SSN='\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b'
RE_EMAIL='[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}'
RE_PHONE='(?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\)|\b[2-9][0-9]{2})[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}\b'
RE_CARD='\b(?:[0-9]{4}[ -]?){3}[0-9]{4}\b'
RE_IPV4='\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\b'
RG_RE="${RE_SSN}|${RE_EMAIL}|${RE_PHONE}|${RE_CARD}|${RE_IPV4}"
# -uu: search the corpus even though it is git-ignored (bench-corpus/ is in .gitignore)
RG_CMD="rg --no-unicode -uu -c -e '${RG_RE}' '${CORPUS}'"
SCAN_CMD="${TACHA} scan '${CORPUS}' --format jsonl"

HAVE_REDACT=0
if "$TACHA" redact --help >/dev/null 2>&1; then HAVE_REDACT=1; fi
REDACT_OUT="$(mktemp -d -t tacha-redact-XXXXXX)"
trap 'rm -rf "$REDACT_OUT"' EXIT
REDACT_CMD="${TACHA} redact '${CORPUS}' --out '${REDACT_OUT}/out' --only-changed"

section "timing (hyperfine --warmup $WARMUP --runs $RUNS)"
echo "rg matches per file (sanity check):"
eval "$RG_CMD" | sort | sed 's/^/  /' || true
JSON="$RESULTS_DIR/hyperfine.json"
hf_args=(--warmup "$WARMUP" --runs "$RUNS" --ignore-failure --export-json "$JSON"
  -n rg "$RG_CMD"
  -n "tacha scan" "$SCAN_CMD")
if ((HAVE_REDACT)); then
  hf_args+=(--prepare "rm -rf '${REDACT_OUT}/out'" -n "tacha redact" "$REDACT_CMD")
  # --prepare applies to every command; rm -rf on a missing dir is harmless for the others.
else
  echo "(tacha redact not available in this build: skipped)"
fi
hyperfine "${hf_args[@]}"

# ---------------------------------------------------------------- 5. table
section "throughput summary"
python3 - "$JSON" "$CORPUS_BYTES" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
nbytes = int(sys.argv[2])
res = {r["command"]: r for r in data["results"]}
rg = res.get("rg")
print(f"corpus bytes: {nbytes} ({nbytes / 1e6:.1f} MB)")
print(f"{'command':<14} {'mean s':>9} {'stddev s':>9} {'MB/s':>9} {'x rg':>7}")
for name in ("rg", "tacha scan", "tacha redact"):
    r = res.get(name)
    if not r:
        continue
    ratio = r["mean"] / rg["mean"] if rg else float("nan")
    print(f"{name:<14} {r['mean']:9.3f} {r['stddev'] or 0:9.3f} {nbytes / 1e6 / r['mean']:9.1f} {ratio:7.2f}")
if "tacha scan" in res and rg:
    print(f"RESULT tacha_scan/rg time ratio: {res['tacha scan']['mean'] / rg['mean']:.2f}")
if "tacha redact" in res and "tacha scan" in res:
    print(f"RESULT tacha_redact/tacha_scan time ratio: {res['tacha redact']['mean'] / res['tacha scan']['mean']:.2f}")
for name in ("tacha scan", "tacha redact"):
    if name in res:
        print(f"RESULT {name.replace(' ', '_')} throughput: {nbytes / 1e6 / res[name]['mean']:.1f} MB/s")
PY

# ---------------------------------------------------------------- 6. memory
section "memory (${MEM_BYTES} bytes streamed on stdin, never written to disk)"
if [[ -x /usr/bin/time ]]; then
  reps=$(( MEM_BYTES / (CORPUS_BYTES > 0 ? CORPUS_BYTES : 1) + 1 ))
  stream() {
    # repeat the corpus until MEM_BYTES have been produced
    for _ in $(seq "$reps"); do cat "$CORPUS"/*; done | head -c "$MEM_BYTES"
  }
  measure() {
    local label="$1"; shift
    local tlog="$RESULTS_DIR/time-${label// /_}.txt"
    set +e +o pipefail
    stream | /usr/bin/time -v -o "$tlog" "$@" >/dev/null 2>"$RESULTS_DIR/stderr-${label// /_}.txt"
    set -e -o pipefail
    local rss_kb wall
    rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tlog")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tlog")
    local status
    status=$(awk -F': ' '/Exit status/ {print $2}' "$tlog")
    if [[ -n "$rss_kb" ]]; then
      printf 'RESULT %s max RSS: %.1f MB (wall %s, exit %s)\n' "$label" "$(echo "$rss_kb" | awk '{print $1/1024}')" "$wall" "$status"
    else
      echo "RESULT $label max RSS: unavailable (see $tlog)"
    fi
  }
  measure "tacha scan -" "$TACHA" scan - --format jsonl
  if ((HAVE_REDACT)); then
    measure "tacha redact -" "$TACHA" redact -
  fi
else
  echo "skipped: /usr/bin/time missing"
fi

section "done"
echo "raw hyperfine JSON: $JSON"
