#!/bin/sh
# Make the browser tests runnable: headless Chromium from Debian, and the npm package
# mermaid@11 and axe-core@4 cached in tests/.cache (git-ignored) so tests never install it lazily.
# Idempotent and quick (well under a second) when both are already there.
# Run it (sh tests/ci-browser-setup.sh) or source it; it needs no TTY.
# Never downloads a browser through npm or Playwright.

cxgap_browser_setup() (
    set -eu
    export DEBIAN_FRONTEND=noninteractive
    repo=$(cd "$(dirname -- "$1")/.." && pwd)
    cache="$repo/tests/.cache"

    if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1; then
        :
    else
        echo "ci-browser-setup: installing chromium" >&2
        sudo=""
        if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
    fi

    # A CJK font, so that Chinese reports print as text rather than boxes.
    if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
        echo "ci-browser-setup: installing a CJK font" >&2
        sudo=""
        if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fonts-wqy-microhei \
            || { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q \
                 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fonts-wqy-microhei; }
    fi

    # Pango, for WeasyPrint (the `pdf` extra: PDF output and its tests). Chromium pulls it in
    # as a dependency already; this covers a machine where Chromium came from elsewhere.
    if command -v ldconfig >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then
        echo "ci-browser-setup: installing Pango (for WeasyPrint)" >&2
        sudo=""
        if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            libpango-1.0-0 libpangoft2-1.0-0 \
            || { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q \
                 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                    libpango-1.0-0 libpangoft2-1.0-0; }
    fi

    if [ ! -f "$cache/node_modules/mermaid/dist/mermaid.min.js" ]; then
        echo "ci-browser-setup: installing mermaid@11 into $cache" >&2
        command -v npm >/dev/null 2>&1 || { echo "ci-browser-setup: npm is missing" >&2; exit 1; }
        mkdir -p "$cache"
        npm install --prefix "$cache" mermaid@11 --no-audit --no-fund --loglevel=error </dev/null
    fi
    if [ ! -f "$cache/node_modules/axe-core/axe.min.js" ]; then
        echo "ci-browser-setup: installing axe-core@4 into $cache" >&2
        command -v npm >/dev/null 2>&1 || { echo "ci-browser-setup: npm is missing" >&2; exit 1; }
        mkdir -p "$cache"
        npm install --prefix "$cache" axe-core@4 --no-audit --no-fund --loglevel=error </dev/null
    fi
)

# Where this file is: BASH_SOURCE when bash sources it, $0 when run; when sourced by
# another shell, $0 is the caller, so fall back to ./tests (the repository root as cwd).
_cxgap_self=${BASH_SOURCE:-$0}
case $_cxgap_self in
    *ci-browser-setup.sh) ;;
    *) _cxgap_self="$PWD/tests/ci-browser-setup.sh" ;;
esac
cxgap_browser_setup "$_cxgap_self"
unset _cxgap_self
