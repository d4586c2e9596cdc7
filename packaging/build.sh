#!/usr/bin/env bash
# Build the standalone Linux app: dist/annotator/ (onedir bundle, executable
# dist/annotator/annotator), dist/annotator-VERSION-linux-x86_64.tar.gz and
# dist/annotator_VERSION_amd64.deb.
#
#   bash packaging/build.sh [--with-stanza | --without-stanza] [--models DIR]
#                           [--no-tar] [--no-deb]
#
#   --with-stanza     bundle torch + stanza for pre-annotation (default; ANNOTATOR_WITH_STANZA=1)
#   --without-stanza  leave them out: a much smaller app without the Stanza recognizers
#   --models DIR      copy a Stanza resources folder (resources.json + LANG/PROCESSOR/*.pt)
#                     into the app as stanza_models/, used when the user has no models
#   --no-tar, --no-deb  skip those artefacts (the bundle is always built)
#
# Environment: PYTHON (default .venv/bin/python), ANNOTATOR_DIST (default dist/),
# ANNOTATOR_BUILD (work folder, default build/), DEB_COMPRESS (dpkg-deb -Z, default zstd:
# dpkg reads it since 1.21.18, and the bundle needs glibc >= 2.36, i.e. Debian 12 / Ubuntu 22.10
# or newer anyway; xz is 25% smaller but 30x slower), DEB_LEVEL (dpkg-deb -z, default 9).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-.venv/bin/python}
WITH_STANZA=${ANNOTATOR_WITH_STANZA:-1}
MODELS=${ANNOTATOR_STANZA_MODELS:-}
MAKE_TAR=1
MAKE_DEB=1

while [ $# -gt 0 ]; do
  case "$1" in
    --with-stanza) WITH_STANZA=1 ;;
    --without-stanza) WITH_STANZA=0 ;;
    --models) MODELS=${2:?--models needs a folder}; shift ;;
    --models=*) MODELS=${1#--models=} ;;
    --no-tar) MAKE_TAR=0 ;;
    --no-deb) MAKE_DEB=0 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ -n "$MODELS" ]; then
  MODELS=$(cd "$MODELS" && pwd) || { echo "build.sh: no such folder: $MODELS" >&2; exit 2; }
  [ -f "$MODELS/resources.json" ] || {
    echo "build.sh: $MODELS is not a Stanza resources folder (no resources.json)" >&2; exit 2; }
  [ "$WITH_STANZA" = 1 ] || echo "build.sh: warning: --models without stanza: the models are unusable" >&2
fi

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH_DEB=$(dpkg --print-architecture 2>/dev/null || echo amd64)
ARCH=$(uname -m)
DIST=${ANNOTATOR_DIST:-$ROOT/dist}
mkdir -p "$DIST"; DIST=$(cd "$DIST" && pwd)
APP=$DIST/annotator
secs() { echo $(( $(date +%s) - $1 )); }

echo "== annotator $VERSION: PyInstaller bundle (stanza: $WITH_STANZA${MODELS:+, models: $MODELS})"
t0=$(date +%s)
rm -rf "$APP"
ANNOTATOR_WITH_STANZA=$WITH_STANZA ANNOTATOR_STANZA_MODELS=$MODELS \
  "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" packaging/annotator.spec
# Debug info of Python itself (libpython and its extension modules: 30 MB) is never used.
# Only these: stripping wheels' auditwheel-patched libraries breaks them.
find "$APP/_internal" -maxdepth 1 -name 'libpython3*.so*' -type f -print0 |
  xargs -0 -r strip --strip-debug
find "$APP/_internal" -path '*/python3.*/lib-dynload/*.so' -type f -print0 |
  xargs -0 -r strip --strip-debug
echo "bundle built in $(secs "$t0") s: $APP ($(du -sh "$APP" | cut -f1))"

# The bundle must answer before anything is packed.
got=$(QT_QPA_PLATFORM=offscreen "$APP/annotator" --version)
[ "$got" = "annotator, version $VERSION" ] || { echo "build.sh: bad --version: $got" >&2; exit 1; }

if [ "$MAKE_TAR" = 1 ]; then
  t0=$(date +%s)
  TAR=$DIST/annotator-$VERSION-linux-$ARCH.tar.gz
  tar -C "$DIST" -czf "$TAR" annotator
  echo "tarball in $(secs "$t0") s: $TAR ($(du -h "$TAR" | cut -f1))"
fi

# Debian packages providing the libraries the bundle loads from the system: ldd of every
# ELF file in it, with the bundle's own folders searched first (as the bootloader does).
system_depends() {
  local dirs f lib real owner tries
  dirs=$(find "$APP/_internal" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
  local -a files libs=() owners=()
  mapfile -d '' files < <(find "$APP" -type f \( -name '*.so*' -o -name annotator \) -print0)
  for f in "${files[@]}"; do
    while read -r lib; do libs+=("$lib"); done < <(LD_LIBRARY_PATH=$dirs ldd "$f" 2>/dev/null |
      awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$APP/")
  done
  [ ${#libs[@]} -gt 0 ] || { echo "build.sh: ldd found no system library at all" >&2; return 1; }
  for lib in $(printf '%s\n' "${libs[@]}" | sort -u); do
    real=$(readlink -f "$lib")
    owner=
    for tries in 1 2 3; do  # dpkg -S can fail while another dpkg run rewrites its database
      owner=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null ||
              dpkg -S "/usr$lib" 2>/dev/null || true)
      [ -n "$owner" ] && break
      sleep 2
    done
    [ -n "$owner" ] || { echo "build.sh: no Debian package owns $lib (needed by the bundle)" >&2; return 1; }
    owners+=("${owner%%:*}")
  done
  printf '%s\n' "${owners[@]}" | sort -u
}

glibc_min() {  # the newest GLIBC_x.y symbol version any bundled binary asks for
  find "$APP" -type f \( -name '*.so*' -o -name annotator \) -print0 |
    xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -1 | cut -d_ -f2
}

if [ "$MAKE_DEB" = 1 ]; then
  t0=$(date +%s)
  PKG=${ANNOTATOR_BUILD:-$ROOT/build}/deb/annotator_${VERSION}_$ARCH_DEB
  rm -rf "$PKG"
  mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/share/icons/hicolor/scalable/apps"
  cp -a "$APP" "$PKG/opt/annotator"
  # The bootloader finds its _internal/ through /proc/self/exe, so a symlink is enough.
  ln -s /opt/annotator/annotator "$PKG/usr/bin/annotator"
  install -m 644 packaging/linux/annotator.desktop "$PKG/usr/share/applications/"
  install -m 644 resources/icons/annotator.svg "$PKG/usr/share/icons/hicolor/scalable/apps/"
  for png in resources/icons/annotator-*.png; do
    size=$(basename "$png" .png); size=${size#annotator-}
    install -D -m 644 "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/annotator.png"
  done

  deps=$(system_depends) || exit 1
  mapfile -t libs < <(grep -v '^libc6$' <<<"$deps")
  glibc=$(command -v objdump >/dev/null && glibc_min || true)
  depends="libc6${glibc:+ (>= $glibc)}"
  for p in "${libs[@]}"; do depends+=", $p"; done
  # Not libraries but needed all the same: fontconfig's configuration and one font, or Qt
  # draws no text (the bundle carries libfontconfig, not /etc/fonts or the fonts).
  depends+=", fontconfig-config, fonts-dejavu-core"
  # Colour emoji in articles (else empty boxes); recommended, as a desktop usually has it.
  cat > "$PKG/DEBIAN/control" <<EOF
Package: annotator
Version: $VERSION
Section: science
Priority: optional
Architecture: $ARCH_DEB
Maintainer: annotator developers <annotator@localhost>
Installed-Size: $(du -sk "$PKG" | cut -f1)
Depends: $depends
Recommends: libx11-data, xkb-data, fonts-noto-color-emoji
Description: desktop tool to annotate entities and claims in news articles
 Annotators read articles with entities pre-highlighted, confirm or correct
 them with the keyboard, mark the claims each article reports, and every
 decision is saved to a local SQLite file that exports as training data.
 This package is a self-contained build (Python, Qt and the app in
 /opt/annotator); the command is /usr/bin/annotator.
EOF
  DEB=$DIST/annotator_${VERSION}_$ARCH_DEB.deb
  dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-zstd}" -z"${DEB_LEVEL:-9}" --build "$PKG" "$DEB" >/dev/null
  echo "deb in $(secs "$t0") s: $DEB ($(du -h "$DEB" | cut -f1))"
  echo "Depends: $depends"
fi
