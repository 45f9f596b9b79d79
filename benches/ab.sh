#!/usr/bin/env bash
# Compare the CPU time of two tacha binaries on the same input.
#
#   bash benches/ab.sh OLD_BINARY NEW_BINARY [PATH] [ROUNDS]
#
# On a shared machine, run-to-run noise (±15-25%) hides a 10% change between two hyperfine
# runs made a minute apart. Here the two binaries alternate, run after run, single-threaded
# (-j1) and pinned to the same core, so slow and fast spells of the machine fall on both; the
# minimum of each is the figure least disturbed by neighbours. (Running the two at once on two
# cores was tried first: on this machine the two vCPUs disturb each other, and the ratio moved
# by ±20% from round to round.) Prints each run's user CPU seconds, then min and mean of each.
# Defaults: PATH = bench-corpus, ROUNDS = 5. Extra tacha flags: TACHA_ARGS="--format jsonl".
set -euo pipefail

old="${1:?old binary}"
new="${2:?new binary}"
path="${3:-bench-corpus}"
rounds="${4:-5}"
read -r -a extra <<<"${TACHA_ARGS:--q}"
args=(scan "$path" -j1 "${extra[@]}")
core="${CORE:-0}"

command -v taskset >/dev/null || { echo "ab.sh: needs taskset (util-linux)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "ab.sh: needs /usr/bin/time" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {
  # tacha exits 1 when it finds something: not an error here.
  /usr/bin/time -f "%U" -o "$tmp/t" taskset -c "$core" "$1" "${args[@]}" >/dev/null 2>&1 || true
  tail -1 "$tmp/t"
}
for r in $(seq "$rounds"); do
  o=$(run "$old"); n=$(run "$new")
  echo "round $r: old ${o}s  new ${n}s"
  echo "$o $n" >>"$tmp/all"
done
awk 'NR == 1 { mo = $1; mn = $2 }
     { so += $1; sn += $2; if ($1 < mo) mo = $1; if ($2 < mn) mn = $2 }
     END { printf "RESULT user CPU min: old %.2fs new %.2fs (new/old %.3f); mean: old %.2fs new %.2fs (new/old %.3f)\n",
                  mo, mn, mn / mo, so / NR, sn / NR, sn / so }' "$tmp/all"
