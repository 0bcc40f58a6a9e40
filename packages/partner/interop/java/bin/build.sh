#!/usr/bin/env bash
# Makes the Java interop tool ready and prints its class path: Bouncy Castle (bcprov) copied from
# Maven Central into lib/ once (the local Maven repository first, then online), HpkeTool compiled
# into classes/ when its source is newer. Both are cached here and gitignored.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
lib="$here/lib"
classes="$here/classes"
if [ ! -f "$lib/.complete" ]; then
  command -v mvn >/dev/null || { echo "Maven (mvn) is needed to fetch Bouncy Castle from Maven Central" >&2; exit 1; }
  rm -rf "$lib"
  mvn -q -B -o -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" >&2 2>/dev/null \
    || { echo "fetching Bouncy Castle from Maven Central into $lib" >&2; mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" >&2; }
  touch "$lib/.complete"
fi
src="$here/src/main/java/jp/liaison/interop/HpkeTool.java"
if [ ! -f "$classes/jp/liaison/interop/HpkeTool.class" ] || [ "$src" -nt "$classes/jp/liaison/interop/HpkeTool.class" ]; then
  command -v javac >/dev/null || { echo "a JDK (javac, Java 17) is needed" >&2; exit 1; }
  rm -rf "$classes"
  javac -encoding UTF-8 --release 17 -cp "$lib/*" -d "$classes" "$src" >&2
fi
echo "$classes:$lib/*"
