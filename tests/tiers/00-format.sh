#!/bin/sh
# Tier 0: every C file is formatted by the project's .clang-format.
cd "$(dirname "$0")/../.." || exit 1
for f in $(scripts/format-files.sh); do
	if clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
		echo "ok format $f"
	else
		echo "not ok format $f (run: make format)"
	fi
done
