#!/usr/bin/env bash
# Speed of rasid against its physical limits, printed as a Markdown table and written to
# BENCHMARKS.md (machine and date included). Figures are printed, never asserted.
#
#   scripts/bench.sh [CORPUS.jsonl.gz]     # default ../shared/corpus/saudinewsnet-2015.jsonl.gz
#
# Measures (release build): `rasid code` on one thread and on all threads (MB of article
# text per second, articles per second); the lexicon layer alone (bench_lexicon example:
# load time from sources and from the compiled form, heap held, matching MB/s); the bare
# lexicon scan (tokenize + Lexicon::find over each whole text, one thread) and reading + decompressing + JSON parsing only
# (`rasid bench-scan`); the ratio full coder / bare scan; time for the first 1, 4, 16,
# 64 MB of article text (one thread); start-up time; peak RSS.
# MB = 10^6 bytes of UTF-8 article text (the `text` fields), not of the compressed file.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpus/saudinewsnet-2015.jsonl.gz}
OUT=${BENCH_OUT:-BENCHMARKS.md}
if [ ! -f "$CORPUS" ]; then
    echo "bench: $CORPUS not found; nothing measured"
    exit 0
fi
cargo build --release -q
cargo build --release -q -p rasid-lexicon --example bench_lexicon
RASID=${RASID:-target/release/rasid}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

now_ns() { date +%s%N; }
# json FIELD: a number field of the one-line JSON on stdin
json() { sed -n "s/.*\"$1\":\([0-9.e+-]*\).*/\1/p"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
# wall SECONDS of a command (stdout discarded)
wall() {
    local t0 t1
    t0=$(now_ns)
    "$@" > /dev/null 2> "$TMP/stderr"
    t1=$(now_ns)
    calc "%.3f" "($t1 - $t0) / 1e9"
}
rss_mb() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.0f", $1 / 1024 }'; }

CPUS=$(nproc)
MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
DATE=$(date -u +%Y-%m-%dT%H:%MZ)
REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: $CPUS CPUs ($MODEL), load $LOAD, commit $REV" >&2

# 1. limits: reading only, and the bare lexicon scan
read_json=$("$RASID" bench-scan "$CORPUS" --mode read)
scan_json=$("$RASID" bench-scan "$CORPUS" --mode scan 2> /dev/null)
DOCS=$(echo "$read_json" | json docs)
BYTES=$(echo "$read_json" | json text_bytes)
MB=$(calc "%.1f" "$BYTES / 1e6")
read_s=$(calc "%.3f" "$(echo "$read_json" | json seconds)")
scan_s=$(calc "%.3f" "$(echo "$scan_json" | json seconds)")

# 2. the full coder, one thread and all threads (peak RSS from the latter)
# (three runs: this is the headline figure, and a shared VM's timings vary by ±10%)
code1_runs=$(for _ in 1 2 3; do wall "$RASID" code "$CORPUS" --threads 1; echo; done | sort -n)
code1_s=$(echo "$code1_runs" | sed -n 1p)
code1_median=$(echo "$code1_runs" | sed -n 2p)
TIMEV=""
if [ -x /usr/bin/time ]; then TIMEV="/usr/bin/time -v -o $TMP/timev"; fi
codeN_s=$(wall $TIMEV "$RASID" code "$CORPUS")
events=$(sed -n 's/.* documents, \([0-9]*\) events.*/\1/p' "$TMP/stderr")
rss_code=$([ -n "$TIMEV" ] && rss_mb "$TMP/timev" || echo "n/a")

row() { # name seconds
    printf '| %s | %s | %s | %s |\n' "$1" "$2" "$(calc "%.2f" "$BYTES / 1e6 / $2")" \
        "$(calc "%.0f" "$DOCS / $2")"
}

# 3. scaling: the first N MB of article text, one thread
scale_rows=""
for n in 1 4 16 64; do
    "$RASID" bench-scan "$CORPUS" --mode slice --mb "$n" > "$TMP/slice.jsonl"
    sb=$("$RASID" bench-scan "$TMP/slice.jsonl" --mode read | json text_bytes)
    sd=$("$RASID" bench-scan "$TMP/slice.jsonl" --mode read | json docs)
    ss=$(wall "$RASID" code "$TMP/slice.jsonl" --threads 1)
    scale_rows+=$(printf '| %s | %s | %s | %s | %s |' "$n" "$(calc "%.2f" "$sb / 1e6")" "$sd" "$ss" \
        "$(calc "%.2f" "$sb / 1e6 / $ss")")$'\n'
done

# 4. start-up: `rasid lexicon stats` (builds the embedded lexicons), and coding one empty document
printf '' > "$TMP/empty.txt"
if command -v hyperfine > /dev/null; then
    hyperfine -N -w 3 -r 20 --export-json "$TMP/hf.json" "$RASID lexicon stats" \
        "$RASID code $TMP/empty.txt" > /dev/null 2>&1
    startup=$(sed -n 's/.*"mean": *\([0-9.]*\).*/\1/p' "$TMP/hf.json" | awk '{ printf "%.1f ", $1 * 1000 }')
    how="hyperfine, 20 runs"
else
    startup=""
    for cmd in "lexicon stats" "code $TMP/empty.txt"; do
        t0=$(now_ns)
        for _ in $(seq 20); do $RASID $cmd > /dev/null 2>&1 || true; done
        t1=$(now_ns)
        startup+="$(calc "%.1f" "($t1 - $t0) / 20 / 1e6") "
    done
    how="mean of 20 runs, date +%s%N"
fi
read -r start_stats start_empty <<< "$startup"
rss_start="n/a"
if [ -n "$TIMEV" ]; then
    /usr/bin/time -v -o "$TMP/timev0" "$RASID" lexicon stats > /dev/null
    rss_start=$(rss_mb "$TMP/timev0")
fi

# 5. the lexicon layer alone: load (build from sources; compiled form), memory, matching
lexicon_report=$(target/release/examples/bench_lexicon "$CORPUS" | sed 's/^/- /')

table=$(
    echo "| stage | seconds | MB/s | articles/s |"
    echo "|---|---:|---:|---:|"
    row "read + gunzip + JSON parse only (1 thread)" "$read_s"
    row "bare lexicon scan: tokenize + Lexicon::find (1 thread)" "$scan_s"
    row "\`rasid code --threads 1\`" "$code1_s"
    row "\`rasid code\` ($CPUS threads)" "$codeN_s"
)
ratio=$(calc "%.0f" "100 * $scan_s / $code1_s")
scaling=$(
    echo "| first N MB | MB of text | articles | seconds (1 thread) | MB/s |"
    echo "|---:|---:|---:|---:|---:|"
    printf '%s' "$scale_rows"
)
report=$(cat << MD
# Benchmarks

Latest run of \`scripts/bench.sh\` (release build). Figures are measurements, not
assertions; rerun the script to refresh this page.

- date: $DATE, commit \`$REV\`
- machine: $CPUS CPUs, $MODEL; load average at start: $LOAD (other jobs running on
  the machine slow every row alike; compare ratios more than absolute figures)
- input: \`$(basename "$CORPUS")\`, $DOCS articles, $MB MB of article text
  (MB = 10^6 bytes of UTF-8 \`text\`), $events events coded

## Throughput

$table

\`rasid code --threads 1\` is the best of three runs; their median: ${code1_median} s
($(calc "%.2f" "$BYTES / 1e6 / $code1_median") MB/s).

Full coder / bare lexicon scan (one thread each): **$ratio%** of the scan's speed
(goal: at least 25%).

## Scaling (input is the first N MB of article text)

$scaling

## Lexicon layer (\`cargo run --release -p rasid-lexicon --example bench_lexicon -- CORPUS\`)

$lexicon_report

## Start-up and memory

| measure | value |
|---|---:|
| \`rasid lexicon stats\` (load the compiled lexicons embedded in the binary), ms | $start_stats |
| \`rasid code\` on one empty document, ms | $start_empty |
| peak RSS, \`rasid lexicon stats\`, MB | $rss_start |
| peak RSS, \`rasid code\` on the corpus ($CPUS threads), MB | $rss_code |

Start-up measured with $how; peak RSS with \`/usr/bin/time -v\`.
MD
)
echo "$report"
echo "$report" > "$OUT"
echo "bench: wrote $OUT" >&2
