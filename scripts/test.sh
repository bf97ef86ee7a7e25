#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need when it is missing, then
# runs the whole suite on two workers.
#
#   scripts/test.sh                  set up if needed, then run every test
#   scripts/test.sh --long           the slow fuzz and fault cases at full size (see tests/conftest.py)
#   scripts/test.sh tests/test_x.py  any other arguments go to pytest
#
# Set-up, each step skipped when already done: .venv with yilian and its test extras; Debian's
# chromium and a CJK font (apt-get, as root or through sudo); Java 17 and Maven when missing;
# the local Neo4j build (neo4j-server/install.sh, a no-op when up to date; YILIAN_NEO4J_HOME
# may point at an existing build instead). Environment: YILIAN_TEST_WORKERS (default 2; 0 runs
# in this process only), YILIAN_TEST_DIST (pytest-xdist's --dist, default loadfile).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'test.sh: %s\n' "$*" >&2; }

if [ ! -d ../shared/seeds ] || [ ! -f ../shared/eval/score.py ]; then
  say "../shared (seed announcements and the scorer) must sit beside this checkout: $(cd .. && pwd)/shared is missing"
  exit 2
fi

# --- system packages ------------------------------------------------------------------------
apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      say "missing system packages: $*; install them (apt-get install $*) or run this as root"
      exit 2
    fi
  fi
  say "installing $* (apt-get)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

packages=()
# Headless Chromium for the page tests (Playwright drives Debian's build; nothing is downloaded
# at run time), and a CJK font so pages render Chinese instead of boxes.
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || packages+=(chromium)
# (the list is read whole first: `fc-list | grep -q` fails under pipefail once grep stops early)
fonts="$(fc-list : family 2>/dev/null || true)"
grep -qiE "wenquanyi|noto sans cjk" <<<"$fonts" || packages+=(fonts-wqy-zenhei fontconfig)
if [ -z "${YILIAN_NEO4J_HOME:-}" ]; then
  java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${java_major%%.*}" -ge 17 ] 2>/dev/null || packages+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || packages+=(maven)
fi
[ ${#packages[@]} -eq 0 ] || apt_install "${packages[@]}"

# --- Python environment ---------------------------------------------------------------------
# Reinstalled when pyproject.toml changed since the last install (its hash is kept in .venv).
stamp=".venv/.yilian-test-install"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! .venv/bin/python -c "import yilian, xdist" 2>/dev/null; then
  say "installing yilian and its test extras into .venv"
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e '.[test]'
  echo "$want" > "$stamp"
fi

# --- the local Neo4j ------------------------------------------------------------------------
if [ -n "${YILIAN_NEO4J_HOME:-}" ]; then
  say "using the Neo4j build in $YILIAN_NEO4J_HOME"
else
  neo4j-server/install.sh
fi

# --- the suite ------------------------------------------------------------------------------
# Two workers (this machine has 2 cores), each test module on one worker (--dist loadfile) so a
# module's fixtures (a loaded store, a browser, a Neo4j of its own) start once; each worker
# starts the session's Neo4j when its first test needs it. One server shared by both workers
# measured no faster (672 s against 675 s on this machine under the same load) and needs
# --dist loadgroup, which pytest 9.2 breaks (pytest-xdist issue 1386).
workers="${YILIAN_TEST_WORKERS:-2}"
parallel=()
[ "$workers" = 0 ] || parallel=(-n "$workers" --dist "${YILIAN_TEST_DIST:-loadfile}")
start=$(date +%s)
status=0
.venv/bin/python -m pytest -q "${parallel[@]}" "$@" || status=$?
say "suite took $(( $(date +%s) - start )) s (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
exit $status
