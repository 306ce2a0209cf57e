#!/usr/bin/env bash
# `npm run bench [-- name ...]`: runs the benchmarks in tests/bench/ (all, or those whose file
# name contains one of the given words). Each prints its numbers; docs/benchmarks.md records them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
benches=$(find bin/tests/bench -maxdepth 1 -name '*.js' | sort)
[ -n "$benches" ] || die "no benchmarks in bin/tests/bench"
for b in $benches; do
  if [ $# -gt 0 ]; then
    match=0; for w in "$@"; do case "$(basename "$b")" in *"$w"*) match=1;; esac; done
    [ $match -eq 1 ] || continue
  fi
  log "benchmark: $(basename "$b" .js)"
  node "$b"
done
