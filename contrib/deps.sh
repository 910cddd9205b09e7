#!/bin/sh
# Install the Debian packages cercle needs to build and test, if missing.
# Run by `make deps`, `make check` and `make demo`. Debian 12 (bookworm).
set -e
PKGS="build-essential pkg-config libncurses-dev liblmdb-dev libmsgpack-dev
libssh-dev libssl-dev libcmocka-dev gettext tmux openssh-client
openssh-server python3-pexpect python3-pyte python3-aiosmtpd msmtp
lmdb-utils man-db po4a
clang libclang-rt-14-dev valgrind"
missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
npm_deps() {
	# The data package test validates with the Frictionless tools of the
	# npm registry: test-only, into build/npm (never committed).
	dir="$(cd "$(dirname "$0")/.." && pwd)/build/npm"
	[ -f "$dir/node_modules/datapackage/package.json" ] && return 0
	echo "cercle: installing the Frictionless validator (npm) in $dir"
	if ! command -v npm >/dev/null 2>&1; then
		$SUDO apt-get install -y -qq --no-install-recommends nodejs npm
	fi
	mkdir -p "$dir"
	npm install --prefix "$dir" --no-audit --no-fund --silent \
	    datapackage@1.1.10
}
SUDO=""
[ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && SUDO=sudo
if [ -z "$missing" ]; then
	npm_deps
	exit 0
fi
echo "cercle: installing missing packages:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "cercle: run as root: apt-get install$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
npm_deps
