#!/usr/bin/env bash
# deps.sh checks what a make target needs and, when something is missing,
# installs it with apt-get if running as root, else stops with one line
# naming what to install.
#
#   scripts/deps.sh run    Go only (make run)
#   scripts/deps.sh test   Go, a C compiler and the X11/GL headers (cgo build
#                          of Ebitengine for native vet and tests), Xvfb
#                          (Ebitengine's init needs an X display, even in
#                          tests), Node.js (tests under GOOS=js), Chromium
#                          (browser tests), qemu-aarch64-static (the arm64
#                          build of the cross-CPU determinism test)
set -euo pipefail

need=${1:-test}
missing=() # Debian package names

have() { command -v "$1" >/dev/null 2>&1; }

# header_ok reports whether the C compiler finds a header; checking the
# header rather than a package name works on any distribution.
header_ok() { printf '#include <%s>\n' "$1" | cc -E -x c - >/dev/null 2>&1; }

if ! have go; then
	echo "deps: Go is missing; install Go 1.26 or newer from https://go.dev/dl/" >&2
	exit 1
fi

if [[ $need == test ]]; then
	if have cc; then
		headers=(
			"X11/Xlib.h libx11-dev"
			"X11/extensions/Xrandr.h libxrandr-dev"
			"X11/Xcursor/Xcursor.h libxcursor-dev"
			"X11/extensions/Xinerama.h libxinerama-dev"
			"X11/extensions/XInput2.h libxi-dev"
			"GL/gl.h libgl1-mesa-dev"
			"X11/extensions/xf86vmode.h libxxf86vm-dev"
		)
		for pair in "${headers[@]}"; do
			read -r header pkg <<<"$pair"
			header_ok "$header" || missing+=("$pkg")
		done
	else
		missing+=(gcc libx11-dev libxrandr-dev libxcursor-dev libxinerama-dev libxi-dev libgl1-mesa-dev libxxf86vm-dev)
	fi
	# A desktop session has a display; elsewhere tests run under xvfb-run.
	[[ -n ${DISPLAY:-} ]] || { have xvfb-run && have xauth; } || missing+=(xvfb xauth)
	have node || missing+=(nodejs)
	have chromium || have chromium-browser || have google-chrome || missing+=(chromium)
	have qemu-aarch64-static || missing+=(qemu-user-static)
fi

if ((${#missing[@]} == 0)); then
	exit 0
fi

if [[ $(id -u) == 0 ]] && have apt-get; then
	echo "deps: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	exit 0
fi

echo "deps: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
