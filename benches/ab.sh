#!/usr/bin/env bash
# Compare the CPU time of two tacha binaries on the same input, run side by side.
#
#   bash benches/ab.sh OLD_BINARY NEW_BINARY [PATH] [ROUNDS]
#
# On a shared machine, run-to-run noise (±15-25%) hides a 10% change between two hyperfine
# runs made a minute apart. Here each round starts both binaries at the same moment, each pinned
# to its own core (single-threaded, -j1), and swaps the cores every round, so what slows one
# slows the other. Prints each round's user CPU seconds and the mean ratio NEW/OLD.
# Defaults: PATH = bench-corpus, ROUNDS = 4. Extra tacha flags: TACHA_ARGS="--format jsonl".
set -euo pipefail

old="${1:?old binary}"
new="${2:?new binary}"
path="${3:-bench-corpus}"
rounds="${4:-4}"
args=(scan "$path" -j1 ${TACHA_ARGS:--q})

if [[ $(nproc) -lt 2 ]]; then
  echo "ab.sh: needs two cores" >&2
  exit 2
fi
command -v taskset >/dev/null || { echo "ab.sh: needs taskset (util-linux)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "ab.sh: needs /usr/bin/time" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for r in $(seq "$rounds"); do
  ca=$(( r % 2 )); cb=$(( 1 - ca ))
  # tacha exits 1 when it finds something: not an error here.
  { /usr/bin/time -f "%U" -o "$tmp/old" taskset -c "$ca" "$old" "${args[@]}" >/dev/null 2>&1 || true; } &
  { /usr/bin/time -f "%U" -o "$tmp/new" taskset -c "$cb" "$new" "${args[@]}" >/dev/null 2>&1 || true; } &
  wait
  o=$(tail -1 "$tmp/old"); n=$(tail -1 "$tmp/new")
  echo "round $r: old ${o}s  new ${n}s  new/old $(awk -v a="$o" -v b="$n" 'BEGIN {printf "%.3f", b / a}')"
  echo "$o $n" >>"$tmp/all"
done
awk '{ so += $1; sn += $2 } END { printf "RESULT mean user CPU: old %.2fs, new %.2fs, new/old %.3f\n", so / NR, sn / NR, sn / so }' "$tmp/all"
