#!/bin/sh
# Make sure the system libraries Qt needs are present (Debian and Ubuntu).
# Usage: tools/system-deps.sh gui|test
# As root it installs what is missing with apt-get; otherwise it names the exact packages.
set -eu
mode=${1:-gui}

# "library file:Debian package" pairs. Offscreen Qt (tests) needs the first group;
# a real window on X11 needs the xcb group too; printing needs CUPS.
base="libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0
libfontconfig.so.1:libfontconfig1 libfreetype.so.6:libfreetype6 libglib-2.0.so.0:libglib2.0-0
libdbus-1.so.3:libdbus-1-3 libX11.so.6:libx11-6 libgssapi_krb5.so.2:libgssapi-krb5-2"
gui="libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-cursor.so.0:libxcb-cursor0
libxcb-icccm.so.4:libxcb-icccm4 libxcb-util.so.1:libxcb-util1 libxcb-image.so.0:libxcb-image0
libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-randr.so.0:libxcb-randr0
libxcb-render-util.so.0:libxcb-render-util0 libxcb-shm.so.0:libxcb-shm0
libxcb-sync.so.1:libxcb-sync1 libxcb-xfixes.so.0:libxcb-xfixes0 libxcb-shape.so.0:libxcb-shape0
libxcb-xkb.so.1:libxcb-xkb1 libX11-xcb.so.1:libx11-xcb1 libcups.so.2:libcups2"

pairs=$base
[ "$mode" = gui ] && pairs="$base $gui"

[ "$(uname -s)" = Linux ] || exit 0
command -v ldconfig >/dev/null 2>&1 || PATH="$PATH:/sbin:/usr/sbin"
libs=$(ldconfig -p 2>/dev/null || true)

missing=""
for pair in $pairs; do
    lib=${pair%%:*}
    pkg=${pair#*:}
    case "$libs" in
        *"$lib "*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
# Qt draws text with the system's fonts; without any, labels come out empty.
if ! fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
    missing="$missing fonts-dejavu-core"
fi
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Qt needs these system libraries, which are missing:$missing" >&2
    echo "Install your system's packages that provide them, then run this again." >&2
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    echo "Qt needs these system packages, which are missing. Install them with:" >&2
    echo "    sudo apt-get install -y$missing" >&2
    echo "then run this command again." >&2
    exit 1
fi
echo "Installing the system packages Qt needs:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
