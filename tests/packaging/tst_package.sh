#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the build tree's .deb with cpack, unpacks it into a temporary root with dpkg-deb -x, and checks
# that it holds everything, that its desktop entry and metainfo validate, that the metainfo and a machine-
# readable (DEP-5) copyright file give the licence and credit the bundled data, and that the unpacked CLI and
# GUI run on the unpacked data and models rather than the source tree's (which exist on this machine,
# so only the lookup beside the executable can make the paths below come out under the root).
# Usage: tst_package.sh CPACK BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
cpack=$1 build=$2 source=$3 version=$4
id=io.github.archscope.ArchScope

if ! command -v dpkg-deb >/dev/null; then
  echo "SKIP: dpkg-deb not found (a non-Debian system): no .deb to build or unpack"
  exit 77
fi

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }

# The resolved path: the executables name their files through /proc/self/exe, which has no symlinks.
work=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/tst_package.XXXXXX")")
trap 'rm -rf "$work"' EXIT

step "cpack in $build"
"$cpack" --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack failed"; }
debs=("$work/out"/*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
  cat "$work/cpack.log"
  fail "expected one .deb, found: ${debs[*]}"
fi
deb=${debs[0]}
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"

step "control fields"
dpkg-deb -f "$deb" Package Version Section Depends
[ "$(dpkg-deb -f "$deb" Version)" = "$version-1" ] || fail "Version is not $version-1"
[ "$(dpkg-deb -f "$deb" Section)" = science ] || fail "Section is not science"
# dpkg-shlibdeps fills Depends; without it the package would install and then fail to start.
for lib in libqt6widgets6 libtorch; do
  dpkg-deb -f "$deb" Depends | grep -q "$lib" || fail "Depends does not name $lib"
done

step "contents"
root=$work/root
dpkg-deb -x "$deb" "$root"
usr=$root/usr
models=(gnn-default.safetensors ghn-default.safetensors vsgae-default.safetensors vsgae-predictor.safetensors)
expected=(bin/archscope bin/archscope-cli share/archscope/data/nb101-dev.jsonl.gz
  "${models[@]/#/share/archscope/models/}"
  "share/applications/$id.desktop" "share/metainfo/$id.metainfo.xml" "share/icons/hicolor/scalable/apps/$id.svg"
  share/doc/archscope/copyright)
for f in "${expected[@]}"; do
  [ -f "$usr/$f" ] || fail "the package lacks /usr/$f"
done
for b in archscope archscope-cli; do
  [ -x "$usr/bin/$b" ] || fail "/usr/bin/$b is not executable"
done
for m in "${models[@]}"; do
  cmp -s "$source/resources/models/$m" "$usr/share/archscope/models/$m" || fail "/usr/share/archscope/models/$m differs from resources/models/$m"
done
echo "${#expected[@]} files present"

# A build against Debian's LibTorch has cmake/highgui-stub's empty highgui; the installed programs must
# find theirs (RUNPATH $ORIGIN/../lib/archscope) and so map no Qt 5.
for stub in "$build"/lib/archscope/libopencv_highgui.so*; do
  [ -f "$stub" ] || continue
  [ -f "$usr/lib/archscope/${stub##*/}" ] || fail "the package lacks /usr/lib/archscope/${stub##*/}"
  for b in archscope archscope-cli; do
    ! ldd "$usr/bin/$b" | grep -E "libQt5|${stub##*/} => /(usr/)?lib/" ||
      fail "/usr/bin/$b would load the real highgui and Qt 5, not the package's stub"
  done
  echo "the programs load the package's ${stub##*/}, no Qt 5"
done

step "desktop entry and metainfo"
desktop=$usr/share/applications/$id.desktop
metainfo=$usr/share/metainfo/$id.metainfo.xml
command -v desktop-file-validate >/dev/null || fail "desktop-file-validate not found: install desktop-file-utils (packaging/install-deps.sh)"
command -v appstreamcli >/dev/null || fail "appstreamcli not found: install appstream (packaging/install-deps.sh)"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $id.desktop"
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli rejects $id.metainfo.xml"
# The entry must start what the package installs and show the icon it installs.
grep -qx "Exec=archscope" "$desktop" || fail "$id.desktop does not run archscope"
grep -qx "Icon=$id" "$desktop" || fail "$id.desktop does not name the icon $id"
grep -q "<release version=\"$version\"" "$metainfo" || fail "$id.metainfo.xml has no <release> for version $version"
grep -qF "<project_license>GPL-3.0-or-later</project_license>" "$metainfo" ||
  fail "$id.metainfo.xml does not give GPL-3.0-or-later as project_license (LICENSE)"

step "copyright (DEP-5)"
copyright=$usr/share/doc/archscope/copyright
cmp -s "$source/packaging/linux/copyright" "$copyright" ||
  fail "/usr/share/doc/archscope/copyright differs from packaging/linux/copyright"
[ "$(head -n 1 "$copyright")" = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" ] ||
  fail "the copyright file does not start with DEP-5's Format: line"
# One tab-separated line per paragraph: "files LICENCE PATTERNS" for a Files paragraph, "license NAME" for
# a standalone licence paragraph (DEP-5 wants one for every licence a Files paragraph names without its text).
paragraphs=$(awk 'BEGIN { RS = ""; FS = "\n" }
  $1 ~ /^(Files|License):/ {
    files = ""; license = ""
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^Files:/) { files = $i; sub(/^Files:[ \t]*/, "", files) }
      if ($i ~ /^License:/) { license = $i; sub(/^License:[ \t]*/, "", license) }
    }
    if (files != "") print "files\t" license "\t" files; else print "license\t" license
  }' "$copyright")
echo "$paragraphs"
grep -qxF $'files\tGPL-3.0-or-later\t*' <<<"$paragraphs" ||
  fail "the copyright file has no Files: * paragraph with License: GPL-3.0-or-later"
grep -qxF $'files\tApache-2.0\tresources/data/*' <<<"$paragraphs" ||
  fail "the copyright file does not give the NAS-Bench-101 sample (resources/data/*) as Apache-2.0"
while read -r license; do
  grep -qxF "license"$'\t'"$license" <<<"$paragraphs" ||
    fail "the copyright file names $license but has no License: $license paragraph"
done < <(grep $'^files\t' <<<"$paragraphs" | cut -f2 | sort -u)

# Nothing from the build's environment may point the programs at the source tree: no ARCHSCOPE_DATA,
# a working directory outside both trees, and a home of their own (the GUI's settings are read below).
home=$work/home
mkdir -p "$home" "$work/cwd"
mkdir -m 700 "$work/runtime"
cd "$work/cwd"
run() {
  env -u ARCHSCOPE_DATA HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$work/runtime" timeout 180 "$@"
}
dataset=$usr/share/archscope/data/nb101-dev.jsonl.gz
gnn=$usr/share/archscope/models/gnn-default.safetensors

step "archscope-cli stats --json (the default dataset)"
stats=$(run "$usr/bin/archscope-cli" stats --json) || fail "stats failed"
echo "$stats" | cut -c1-200
grep -qF "\"file\":\"$dataset\"" <<<"$stats" || fail "stats did not read the unpacked dataset $dataset"
grep -qF '"records":20001' <<<"$stats" || fail "stats did not count the 20,001 bundled records"

step "archscope-cli inspect --model (the unpacked GNN)"
inspect=$(run "$usr/bin/archscope-cli" inspect --ops input,conv3x3-bn-relu,output --adjacency '[[0,1,0],[0,0,1],[0,0,0]]' \
  --model "$gnn" --json) || fail "inspect failed"
echo "$inspect"
grep -qE "\"predictions\":\\{\"$gnn\":0\\.[0-9]+" <<<"$inspect" || fail "inspect printed no prediction of $gnn"

step "archscope-cli predict --model (every cell of the default dataset)"
run "$usr/bin/archscope-cli" predict --model "$gnn" --out "$work/predictions.csv" || fail "predict failed"
rows=$(($(wc -l <"$work/predictions.csv") - 1))
[ "$rows" -eq 20001 ] || fail "predict wrote $rows rows, not one per bundled record (20,001)"
echo "$rows predictions"

step "archscope --screenshot (offscreen)"
shot=$work/screenshot.png
# Long enough for the dataset and the GNN to load behind the window on a busy 2-core machine.
run env QT_QPA_PLATFORM=offscreen "$usr/bin/archscope" --screenshot "$shot" --screenshot-delay 10000 ||
  fail "archscope exited with status $?"
[ -s "$shot" ] || fail "archscope wrote no screenshot"
[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
# The window records what it opened (File ▸ Recent) only once it has loaded it, so its settings say
# which dataset and predictor it started on.
settings=$home/.config/ArchScope/ArchScope.conf
[ -f "$settings" ] || fail "archscope saved no settings in $settings"
grep -qxF "datasets=$dataset" "$settings" || { cat "$settings"; fail "archscope did not open the unpacked dataset"; }
grep -qxF "models=$gnn" "$settings" || { cat "$settings"; fail "archscope did not load the unpacked bundled predictor"; }
echo "screenshot $(du -h "$shot" | cut -f1); opened $dataset and $gnn"

echo "PASS"
