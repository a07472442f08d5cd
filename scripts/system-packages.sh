#!/bin/sh
# Debian packages the product needs: gettext (message catalogs), Pango (WeasyPrint), and the
# fonts the PDFs name (AR PL UMing for Chinese text, WenQuanYi Micro Hei for Chinese headings,
# Liberation Serif for Latin script, DejaVu Serif for the symbols Liberation lacks).
# With WITH_BROWSER=1 it also wants Debian's chromium, for the browser tests.
# Installs the missing ones when it can (root with apt-get); otherwise names them and stops.
set -eu
missing=""
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
fc-list 2>/dev/null | grep -q "AR PL UMing CN" || missing="$missing fonts-arphic-uming"
fc-list 2>/dev/null | grep -q "WenQuanYi Micro Hei" || missing="$missing fonts-wqy-microhei"
fc-list 2>/dev/null | grep -q "Liberation Serif" || missing="$missing fonts-liberation"
fc-list 2>/dev/null | grep -q "DejaVu Serif" || missing="$missing fonts-dejavu-core"
if [ "${WITH_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
    missing="$missing chromium"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "Please install these system packages, then run make again:$missing" >&2
    exit 1
fi
