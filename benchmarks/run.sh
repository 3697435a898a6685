#!/usr/bin/env bash
# Runs the JMH suite and `openssl speed`, then renders docs/benchmarks.md (its generated block),
# docs/images/signing-throughput.svg and the speed table in docs/choosing-a-library.md from the JMH JSON.
# Builds nothing.
#
#   benchmarks/run.sh            the full run (about 13 minutes on 2 cores): every signer x alg x provider,
#                                the raw signature, the overhead probe, the warm token source, all with -prof gc
#   benchmarks/run.sh -smoke     seconds: RS256 only, two signers, tiny iterations; writes to
#                                benchmarks/target/smoke/ (never over the published docs) unless --out is given
#   --out DIR                    write DIR/benchmarks.md and DIR/images/signing-throughput.svg instead
#
# Run the full suite on a quiet machine: every other process competes for the same cores.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
jar="$here/target/benchmarks.jar"
mode=full
out=""
invocation="benchmarks/run.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    -smoke|--smoke) mode=smoke ;;
    --out) [ $# -ge 2 ] || { echo "run.sh: --out needs a directory" >&2; exit 2; }; out="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (use -smoke, --out DIR)" >&2; exit 2 ;;
  esac
  shift
done

if [ ! -f "$jar" ]; then
  echo "run.sh: $jar is missing; build it first:" >&2
  echo "  mvn -B -q package -pl benchmarks -am -DskipTests" >&2
  exit 2
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ -z "$out" ]; then
  if [ "$mode" = smoke ]; then out="$here/target/smoke"; else out="$root/docs"; fi
fi
work="$here/target/run-$mode"
rm -rf "$work"
mkdir -p "$work" "$out/images"

if [ "$mode" = smoke ]; then
  include='SigningBenchmark.sign|BaselineBenchmark.rawSignature$|OverheadBenchmark|TokenSourceBenchmark.token$'
  jmh_opts=(-f 1 -wi 1 -w 200ms -i 1 -r 300ms -p alg=RS256 -p signer=jdk,jose4j -p source=caching -prof gc)
  seconds=1
else
  # Iterations as each class declares them: 5 x 2 s warm-up and 5 x 2 s measured for signing (the JDK's
  # RSA code needs about 10 s before C2 has compiled it), 3 x 1 s and 5 x 1 s for the nanosecond benchmarks.
  # rawSignatureReused is left out here to stay within about 14 minutes; run it by hand when in doubt.
  include='SigningBenchmark|BaselineBenchmark.rawSignature$|OverheadBenchmark|TokenSourceBenchmark'
  jmh_opts=(-f 1 -prof gc)
  seconds=10
fi
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "unknown")
echo "run.sh: $mode run, load average $load; JMH output follows" >&2

# How quiet the machine stayed: CPU steal (time a virtual machine's host gave to others) over the run,
# and every 10 s the 1-minute load and whether someone else's Maven build was running.
cpu_times() { awk '/^cpu /{ print $2+$3+$4+$5+$6+$7+$8+$9, $9 }' /proc/stat 2>/dev/null || echo "0 0"; }
read -r total0 steal0 < <(cpu_times)
( while sleep 10; do echo "$(cut -d' ' -f1 /proc/loadavg) $(pgrep -f 'maven|surefire' | wc -l)"; done ) \
  >"$work/load.txt" 2>/dev/null &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

"$java" -jar "$jar" "$include" "${jmh_opts[@]}" -rf json -rff "$work/jmh.json" | tee "$work/jmh.log"
kill "$sampler" 2>/dev/null || true
read -r total1 steal1 < <(cpu_times)
quiet=$(awk -v t=$((total1 - total0)) -v s=$((steal1 - steal0)) -v before="$load" '
  { n++; if ($1 > max) max = $1; if ($2 > 0) busy++ }
  END { printf "%s before the run; during it (JMH itself keeps about 1 busy) at most %.2f, CPU steal %s, another Maven build running in %d of %d samples",
        before, max, (t > 0 ? sprintf("%.1f%%", 100 * s / t) : "n/a"), busy, n }' "$work/load.txt" </dev/null 2>/dev/null \
  || echo "$load before the run")
echo "run.sh: load $quiet" >&2
jmh_command="java -jar benchmarks/target/benchmarks.jar '$include' ${jmh_opts[*]} -rf json -rff jmh.json"

openssl_args=()
if command -v openssl >/dev/null 2>&1; then
  echo "run.sh: openssl speed -seconds $seconds rsa2048 / ecdsap256" >&2
  openssl speed -seconds "$seconds" rsa2048 >"$work/openssl-rsa2048.txt" 2>/dev/null || true
  openssl speed -seconds "$seconds" ecdsap256 >"$work/openssl-ecdsap256.txt" 2>/dev/null || true
  tail -n 2 "$work/openssl-rsa2048.txt" "$work/openssl-ecdsap256.txt" >&2 || true
  openssl_args=(--openssl-rsa "$work/openssl-rsa2048.txt" --openssl-ec "$work/openssl-ecdsap256.txt"
                --openssl-version "$(openssl version)")
else
  echo "run.sh: openssl not found: the report shows the openssl reference as not measured" >&2
fi

"$java" -cp "$jar" dev.lakejwt.benchmarks.report.ReportMain --jmh "$work/jmh.json" \
  --markdown "$out/benchmarks.md" --svg "$out/images/signing-throughput.svg" "${openssl_args[@]}" \
  --summary "$out/choosing-a-library.md" \
  --command "$invocation" --jmh-command "$jmh_command" --load "$quiet"
