#!/usr/bin/env bash
# Install the pinned Synapse homeserver used by the Matrix tests into its own virtual environment.
#   bash scripts/setup-synapse.sh VENV_DIR [PYTHON]
# Idempotent: an existing venv with the pinned version installed is left as it is.
# The tests find it through ARTICLEBOT_SYNAPSE_PYTHON=VENV_DIR/bin/python.
set -euo pipefail

SYNAPSE_VERSION="1.163.2"
VENV="${1:?usage: setup-synapse.sh VENV_DIR [PYTHON]}"
PYTHON="${2:-python3}"

installed() {
    "$VENV/bin/python" - "$SYNAPSE_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if version("matrix-synapse") == sys.argv[1] else 1)
PY
}

if [ -x "$VENV/bin/python" ] && installed; then
    echo "matrix-synapse $SYNAPSE_VERSION already in $VENV"
    exit 0
fi

"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --upgrade pip
"$VENV/bin/pip" install --quiet --prefer-binary "matrix-synapse==$SYNAPSE_VERSION"
installed
echo "matrix-synapse $SYNAPSE_VERSION installed in $VENV"
