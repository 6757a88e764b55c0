#!/usr/bin/env bash
# Fuzzes every target in turn for SECONDS (default 900) each, one core,
# from the committed seeds. Needs nightly Rust and `cargo install cargo-fuzz`.
# The growing corpus goes to fuzz/corpus/ (not committed); crashes to
# fuzz/artifacts/; the last lines of each log give the executions.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-900}"
for target in y30r21 fokusmaal pipeline; do
    mkdir -p "corpus/$target"
    cp -n corpus-seed/"$target"/* "corpus/$target/"
    cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 -timeout=10 \
        -print_final_stats=1 2>&1 | tee "fuzz-$target.log" | grep -E "^(#[0-9]+\s+(INITED|DONE|pulse))|stat::|ERROR|panicked" || true
done
