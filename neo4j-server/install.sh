#!/usr/bin/env bash
# Build the local Neo4j Community 5.26 launcher (no Docker, no tarball: Maven Central only).
#
#   neo4j-server/install.sh            build if needed (idempotent: a no-op when up to date)
#   neo4j-server/install.sh --force    rebuild from scratch
#   YILIAN_NEO4J_NO_CDS=1 install.sh   skip the class-data-sharing archive
#
# Produces, under neo4j-server/target/:
#   yilian-neo4j-server.jar   launcher (manifest Class-Path -> lib/*.jar)
#   lib/*.jar                 Neo4j and its dependencies, unshaded (Neo4j relies on META-INF/services)
#   neo4j-cds.jsa             JVM class-data-sharing archive made by a training run of `--selftest`
#                             (which also checks the `cjk` full-text analyzer and that Neo4j Browser is
#                             served over HTTP); roughly halves start-up time.
#                             Optional: graph/neo4j_server.py uses it only when it is newer than the jar.
# Needs java >= 17 and mvn on PATH; uses the default ~/.m2 repository.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/target"
JAR="$TARGET/yilian-neo4j-server.jar"
CDS="$TARGET/neo4j-cds.jsa"
FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force|-f) FORCE=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null 2>&1 || { echo "install.sh: java not found (need a JDK 17+; apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
command -v mvn >/dev/null 2>&1 || { echo "install.sh: mvn not found (apt-get install maven)" >&2; exit 1; }
JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${JAVA_MAJOR%%.*}" -lt 17 ] 2>/dev/null; then
  echo "install.sh: Neo4j 5.26 needs Java 17 or 21, found $JAVA_MAJOR" >&2; exit 1
fi

up_to_date() {
  [ -f "$JAR" ] && [ -d "$TARGET/lib" ] && [ -n "$(ls -A "$TARGET/lib" 2>/dev/null)" ] || return 1
  # anything in the build inputs newer than the jar?
  [ -z "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -print -quit)" ]
}

if [ "$FORCE" = 1 ]; then
  rm -rf "$TARGET"
fi

if up_to_date; then
  echo "neo4j-server: up to date ($JAR)"
else
  echo "neo4j-server: building with Maven (first run downloads ~125 MB of jars into ~/.m2) ..."
  start=$(date +%s)
  # clean lib/ so a version bump does not leave two Neo4j versions on the classpath
  rm -rf "$TARGET/lib" "$CDS"
  # (Maven 3.8 prints bare ANSI reset codes even with -q -B: strip them)
  (cd "$HERE" && mvn -q -B -Dstyle.color=never package) 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g'
  [ -f "$JAR" ] || { echo "install.sh: Maven build failed" >&2; exit 1; }
  echo "neo4j-server: built in $(( $(date +%s) - start ))s: $JAR + $(ls "$TARGET/lib" | wc -l) jars in target/lib"
fi

if [ -n "${YILIAN_NEO4J_NO_CDS:-}" ]; then
  exit 0
fi
if [ -f "$CDS" ] && [ "$CDS" -nt "$JAR" ]; then
  echo "neo4j-server: CDS archive up to date ($CDS)"
  exit 0
fi
echo "neo4j-server: self-test + class-data-sharing training run ..."
start=$(date +%s)
rm -f "$CDS"
LOG="$TARGET/selftest.log"
# same -jar form and JVM as graph/neo4j_server.py, so the archive matches its class path
if "$JAVA" -Xmx1g -XX:ArchiveClassesAtExit="$CDS" -jar "$JAR" --selftest >"$LOG" 2>&1 \
    && grep -q "SELFTEST OK" "$LOG"; then
  grep -E "^(Neo4j|selftest:)" "$LOG" | sed 's/^/  /'
  if [ -f "$CDS" ]; then
    echo "neo4j-server: self-test OK; CDS archive written in $(( $(date +%s) - start ))s ($(du -h "$CDS" | cut -f1))"
  else
    echo "neo4j-server: self-test OK; this JVM wrote no CDS archive (start-up will just be slower)"
  fi
else
  rm -f "$CDS"
  echo "neo4j-server: SELF-TEST FAILED, see $LOG" >&2
  tail -n 30 "$LOG" >&2
  exit 1
fi
