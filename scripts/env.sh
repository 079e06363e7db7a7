# Sourced by the scripts: the tools they use, npm's wasm-opt (binaryen 132) first on PATH,
# because Debian's wasm-opt 108 produces a wasm that fails at run time.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
# The Python with the packages the export tests use (scripts/setup makes it).
export CHARTER_PYTHON="$root/.venv/bin/python"
