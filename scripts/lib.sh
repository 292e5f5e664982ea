# Shared helpers for Plumbline's scripts. Source it; do not run it.
# shellcheck shell=bash

PLUMBLINE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '%s\n' "$*" >&2; }

# ensure_packages PKG...: installs missing Debian packages with apt-get when
# this user may (root, or sudo without a password); otherwise prints the exact
# line to run and returns 1.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local apt=(apt-get)
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            apt=(sudo apt-get)
        else
            say "Plumbline needs these Debian packages: ${missing[*]}"
            say "Install them with:"
            say "    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
            return 1
        fi
    fi
    say "Installing ${missing[*]} ..."
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${missing[@]}" >/dev/null
}

# ensure_swift: the Swift toolchain must be on PATH (it is not a Debian package).
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin "$HOME/.local/share/swiftly/bin"; do
            if [ -x "$candidate/swift" ]; then PATH="$candidate:$PATH"; export PATH; fi
        done
    fi
    if ! command -v swift >/dev/null 2>&1; then
        say "Plumbline needs a Swift 6 toolchain, which is not a Debian package."
        say "Install it with swiftly (https://www.swift.org/install/linux/) — on a Raspberry Pi choose the"
        say "aarch64 Debian build — then open a new shell so that 'swift' is on PATH, and run this again."
        say "Or build on a faster machine and copy the binary: see README.md, 'Building elsewhere'."
        return 1
    fi
}

# The system packages a build needs.
BUILD_PACKAGES=(libi2c-dev)
