#!/usr/bin/env bash
# Fetches the browser libraries from the npm registry into static/vendor/<name>/, with their
# licence and a VERSION file. The result is committed: the app must run with no network.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A FILES=(
  [bootstrap]="dist/css/bootstrap.min.css dist/js/bootstrap.bundle.min.js"
  [bootstrap-icons]="font/bootstrap-icons.min.css font/fonts/bootstrap-icons.woff2 font/fonts/bootstrap-icons.woff"
  [echarts]="dist/echarts.min.js"
  [htmx.org]="dist/htmx.min.js"
)
declare -A VERSIONS=([bootstrap]=5.3.8 [bootstrap-icons]=1.13.1 [echarts]=5.6.0 [htmx.org]=2.0.7)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in "${!FILES[@]}"; do
  version=${VERSIONS[$name]}
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
  mkdir -p "$tmp/$name" && tar -xzf "$tmp/$name-$version.tgz" -C "$tmp/$name"
  dest="static/vendor/$name"
  rm -rf "$dest" && mkdir -p "$dest"
  for file in ${FILES[$name]}; do
    mkdir -p "$dest/$(dirname "${file#dist/}")"
    cp "$tmp/$name/package/$file" "$dest/${file#dist/}"
  done
  cp "$tmp/$name/package/LICENSE"* "$dest/" 2>/dev/null || true
  echo "$name $version (npm registry)" > "$dest/VERSION"
done
echo "vendor libraries in static/vendor:"; cat static/vendor/*/VERSION
