#!/bin/sh
# Run the whole test suite on a fresh machine: make the venv if needed, install, lint (ruff
# check, ruff format --check), run pytest.
set -e
cd "$(dirname "$0")/.."
# The HTML report's browser test drives Debian's chromium (no browser download); install it when
# missing and we can (root with apt-get), else that test is skipped with a reason.
if ! command -v chromium >/dev/null 2>&1 && [ -z "$POALINT_CHROMIUM" ] \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing chromium for the HTML report's browser test" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
        >/dev/null 2>&1 || echo "test.sh: could not install chromium; the browser test will be skipped" >&2
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/python -m ruff check --quiet poalint tests benchmarks scripts
.venv/bin/python -m ruff format --check --quiet poalint tests benchmarks scripts
exec .venv/bin/python -m pytest "$@"
