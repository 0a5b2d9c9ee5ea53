#!/bin/sh
# The C sources and headers that the project's .clang-format governs.
cd "$(dirname "$0")/.." || exit 1
git ls-files -co --exclude-standard -- '*.c' '*.h' | grep -v '^build/' | while read -r f; do
	[ -f "$f" ] && echo "$f"
done
