#!/usr/bin/env bash
# Growth of coding time with the length of one run-on text (issue 16): a repeated quoted
# speech with no full stop («قال وزير الخارجية السعودي إن …, once cubic) and words with no
# punctuation at all (once quadratic), from 100 KB to 1.6 MB and 2 MiB. Prints seconds and
# the ratio to the previous size: linear time doubles with the size (ratio about 2).
# Figures are printed, never asserted (a timed test would be flaky on a shared machine).
#
#   scripts/bench_runon.sh        # release build; RASID=path/to/rasid to time another
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${RASID:-}" ]; then
    cargo build --release -q
    RASID=target/release/rasid
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-12s %10s %10s %8s %8s\n' pattern bytes seconds ratio events
for pattern in quoted-speech bare-words; do
    case $pattern in
        quoted-speech) unit='«قال وزير الخارجية السعودي إن ' ;;
        bare-words) unit='استقبل وزير الخارجية السعودي نظيره التركي في الرياض وبحث معه العلاقات ' ;;
    esac
    prev=""
    for bytes in 100000 200000 400000 800000 1600000 2097152; do
        python3 -c "import sys; u=sys.argv[1]; n=int(sys.argv[2]); s=(u*(n//len(u.encode())+1)).encode()[:n].decode('utf-8','ignore'); open(sys.argv[3],'w').write(s)" "$unit" "$bytes" "$tmp/t.txt"
        start=$(date +%s%N)
        events=$("$RASID" code --date 2015-01-01 "$tmp/t.txt" 2>/dev/null | wc -l)
        end=$(date +%s%N)
        secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        ratio=$([ -n "$prev" ] && awk -v a="$prev" -v b="$secs" 'BEGIN {printf "%.2f", b / (a > 0 ? a : 0.001)}' || echo "-")
        printf '%-12s %10s %10s %8s %8s\n' "$pattern" "$bytes" "$secs" "$ratio" "$events"
        prev=$secs
    done
done
