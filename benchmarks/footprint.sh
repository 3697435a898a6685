#!/usr/bin/env bash
# Measures what each signer puts on a user's class path: resolves the runtime dependencies of core and
# of each adapter with `mvn dependency:list` (this build's resolved versions), sums the jar sizes, and
# writes the table between the footprint markers in docs/choosing-a-library.md (or prints it with -print).
#
#   benchmarks/footprint.sh [-print]      (add -o to MVN_OPTS_EXTRA for an offline build)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
doc="$root/docs/choosing-a-library.md"
modules=(core adapters-jjwt adapters-nimbus adapters-jose4j)
list=target/runtime-deps.txt

cd "$root"
# shellcheck disable=SC2086
mvn -B -q ${MVN_OPTS_EXTRA:-} package dependency:list -DskipTests -pl "$(IFS=,; echo "${modules[*]}")" -am \
  -DincludeScope=runtime -DoutputAbsoluteArtifactFilename=true -DoutputFile="$list" >/dev/null

# One line per jar: module, groupId:artifactId, version, bytes.
jars() {
  local module=$1
  grep -E '^\s+[^ ]+:[^ ]+:jar:' "$module/$list" | sed -E 's/ -- .*$//; s/^\s+//' | while IFS= read -r line; do
    IFS=: read -r -a f <<<"$line"
    local n=${#f[@]} path=${f[$((${#f[@]} - 1))]}
    printf '%s %s:%s %s %s\n' "$module" "${f[0]}" "${f[1]}" "${f[$((n - 3))]}" "$(stat -c %s "$path")"
  done
}

table=$(
  {
    jars core
    jars adapters-jjwt
    jars adapters-nimbus
    jars adapters-jose4j
    for m in adapters-jjwt adapters-nimbus adapters-jose4j; do
      printf '%s adapter %s %s\n' "$m" "-" "$(stat -c %s "$m"/target/lakejwt-*-0.1.0-SNAPSHOT.jar)"
    done
    printf '%s adapter %s %s\n' core "-" "$(stat -c %s core/target/lakejwt-core-0.1.0-SNAPSHOT.jar)"
  } | awk '
    function kib(b) { return sprintf("%d KiB", (b + 512) / 1024) }
    $1 == "core" && $2 != "adapter" { core[$2] = 1; coreBytes += $4; coreList = coreList (coreList ? ", " : "") $2 " " $3 }
    $2 == "adapter" { adapter[$1] = $4; next }
    $1 != "core" && $2 !~ /^dev\.lakejwt:/ && !($2 in core) {
      added[$1] = added[$1] (added[$1] ? ", " : "") "`" $2 "` " $3 " (" kib($4) ")"; addedBytes[$1] += $4; count[$1]++
    }
    END {
      print "| Signer | Adds to the class path (beyond lakejwt-core and its dependencies) | Added jars | Added size | Whole signing class path |"
      print "|---|---|---:|---:|---:|"
      base = coreBytes + adapter["core"]
      printf "| jdk | nothing: it is part of lakejwt-core | 0 | 0 KiB | %s |\n", kib(base)
      split("adapters-jjwt:jjwt adapters-nimbus:nimbus adapters-jose4j:jose4j", names, " ")
      for (i = 1; i <= 3; i++) {
        split(names[i], p, ":"); m = p[1]
        printf "| %s | the adapter (%s) + %s | %d | %s | %s |\n", p[2], kib(adapter[m]), added[m], count[m] + 1,
          kib(addedBytes[m] + adapter[m]), kib(base + addedBytes[m] + adapter[m])
      }
      printf "\nlakejwt-core itself (%s) brings: %s, %s in all.\n", kib(adapter["core"]), coreList, kib(coreBytes)
    }')

stamp="Measured by \`benchmarks/footprint.sh\` on $(date -u +%Y-%m-%d): \`mvn dependency:list -DincludeScope=runtime\` for core and each adapter, sizes of the resolved jars."
if [ "${1:-}" = "-print" ]; then
  printf '%s\n\n%s\n' "$stamp" "$table"
  exit 0
fi
python3 - "$doc" "$stamp" "$table" <<'PY'
import sys
doc, stamp, table = sys.argv[1:]
text = open(doc, encoding="utf-8").read()
begin, end = "<!-- footprint:begin -->", "<!-- footprint:end -->"
i, j = text.index(begin), text.index(end)
open(doc, "w", encoding="utf-8").write(text[:i + len(begin)] + "\n" + stamp + "\n\n" + table + "\n" + text[j:])
PY
echo "footprint.sh: updated $doc"
