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

# The oldest Swift that builds Plumbline: the tools versions of its dependencies
# (swift-log 1.16.2 needs 6.2).
SWIFT_MIN_VERSION=6.2
# The one line that gets Swift where the distribution has no swiftlang new enough
# (swift.org's swiftly installer; it installs the latest release).
SWIFTLY_LINE='curl -O "https://download.swift.org/swiftly/linux/swiftly-$(uname -m).tar.gz" && tar zxf "swiftly-$(uname -m).tar.gz" && ./swiftly init --quiet-shell-followup && . "${SWIFTLY_HOME_DIR:-$HOME/.local/share/swiftly}/env.sh" && hash -r'

# swift_version: the version `swift` on PATH reports (6.2.3), or nothing.
swift_version() {
    swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9.]*\).*/\1/p' | head -n 1
}

# swiftlang_candidate: the version of Debian's swiftlang that apt would install
# (6.2.3-1), or nothing when the distribution has none.
swiftlang_candidate() {
    command -v apt-cache >/dev/null 2>&1 || return 0
    apt-cache policy swiftlang 2>/dev/null | awk '/Candidate:/ && $2 != "(none)" { print $2 }'
}

# ensure_swift: puts a Swift toolchain of at least $SWIFT_MIN_VERSION on PATH.
# Looks in /opt/swift and swiftly's folder; when there is none, installs the
# distribution's swiftlang with apt if it is new enough (Debian sid has 6.2.3;
# trixie's 6.0.3 is too old; bookworm has none). Otherwise prints the one line
# that gets Swift and returns 1.
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        local dirs candidate
        # PLUMBLINE_SWIFT_DIRS (colon-separated) replaces these places, for tests.
        IFS=: read -r -a dirs <<<"${PLUMBLINE_SWIFT_DIRS-/opt/swift/usr/bin:/usr/share/swift/usr/bin:$HOME/.local/share/swiftly/bin}"
        for candidate in "${dirs[@]}"; do
            if [ -x "$candidate/swift" ]; then PATH="$candidate:$PATH"; export PATH; fi
        done
    fi
    local have
    if command -v swift >/dev/null 2>&1; then
        have="$(swift_version)"
        if [ -n "$have" ] && ! dpkg --compare-versions "$have" ge "$SWIFT_MIN_VERSION" 2>/dev/null; then
            say "Plumbline needs Swift $SWIFT_MIN_VERSION or newer; $(command -v swift) is $have."
            say "Get a newer one with swiftly (swiftly install --use $SWIFT_MIN_VERSION), or with:"
            say "    $SWIFTLY_LINE"
            return 1
        fi
        return 0
    fi
    local candidate_version
    candidate_version="$(swiftlang_candidate)"
    if [ -z "$candidate_version" ] && command -v apt-get >/dev/null 2>&1 &&
        { [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }; then
        # No package lists yet, or old ones: read them once before giving up.
        local apt=(apt-get)
        [ "$(id -u)" -eq 0 ] || apt=(sudo apt-get)
        DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq >/dev/null 2>&1 || true
        candidate_version="$(swiftlang_candidate)"
    fi
    if [ -n "$candidate_version" ] && dpkg --compare-versions "$candidate_version" ge "$SWIFT_MIN_VERSION"; then
        say "No swift on PATH; this distribution's swiftlang $candidate_version is new enough (>= $SWIFT_MIN_VERSION)."
        ensure_packages swiftlang || return 1
        hash -r
        if command -v swift >/dev/null 2>&1; then return 0; fi
        say "swiftlang is installed but 'swift' is still not on PATH; open a new shell and run this again."
        return 1
    fi
    if [ -n "$candidate_version" ]; then
        say "Plumbline needs Swift $SWIFT_MIN_VERSION or newer; this distribution's swiftlang is $candidate_version, too old."
    else
        say "Plumbline needs Swift $SWIFT_MIN_VERSION or newer, and this distribution has no swiftlang package."
    fi
    say "Get Swift with swiftly (on a Raspberry Pi too), then run this again:"
    say "    $SWIFTLY_LINE"
    say "Or build on a faster machine and copy the binary: see README.md, 'Building elsewhere'."
    return 1
}

# The system packages a build needs.
BUILD_PACKAGES=(libi2c-dev libsqlite3-dev)
