#!/usr/bin/env bash
# The speed-up of a study on MPI ranks (docs/performance.md#studies): the wall time of
# `mpirun -np N gigasim study FILE --threads 1` for N = 1, 2, ... MAX_RANKS, the best of
# ROUNDS rounds, rounds interleaved so that a busy moment of the machine hits every N alike.
#   bench/study_ranks.sh [FILE] [MAX_RANKS] [ROUNDS]   (default: studies/eu-76-proposals.yaml 2 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
file="${1:-$root/studies/eu-76-proposals.yaml}"
max_ranks="${2:-2}"
rounds="${3:-3}"
gigasim="${GIGASIM:-$root/build/release/gigasim}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
declare -A best
for ((round = 1; round <= rounds; round++)); do
  for ((n = 1; n <= max_ranks; n++)); do
    start=$(date +%s%N)
    mpirun --oversubscribe -np "$n" "$gigasim" study "$file" --threads 1 --out "$out/$n" >/dev/null
    ms=$((($(date +%s%N) - start) / 1000000))
    if [[ -z "${best[$n]:-}" ]] || ((ms < best[$n])); then best[$n]=$ms; fi
  done
done
for ((n = 1; n <= max_ranks; n++)); do
  cmp -s "$out/1/study.csv" "$out/$n/study.csv" || { echo "ranks=$n: study.csv differs" >&2; exit 1; }
  printf 'ranks=%d  wall=%d ms  speed-up=%d.%02d\n' "$n" "${best[$n]}" \
    $((best[1] / best[$n])) $((best[1] * 100 / best[$n] % 100))
done
