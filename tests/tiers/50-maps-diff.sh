#!/bin/sh
# Tier 4 for the map family (tests/maps): the same sequences of map
# operations through the host's Linux bpf() and through our map ops,
# compared section by section (one test per section). Skipped, with the
# reason, where bpf() is unavailable. Runs in about a second.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
linux=$BUILD/tests/maps/maps-linux
ours=$BUILD/tests/maps/maps-ours
out=$BUILD/tests/maps
for b in "$linux" "$ours"; do
	[ -x "$b" ] || { echo "not ok maps-diff $b not built (make diff-tools)"; exit 0; }
done
"$linux" >"$out/linux.txt" 2>"$out/linux.err"
status=$?
if [ "$status" = 2 ]; then
	cat "$out/linux.txt"
	exit 0
fi
if [ "$status" != 0 ]; then
	echo "not ok maps-diff linux side exited with $status: $(head -c 200 "$out/linux.err")"
	exit 0
fi
if ! "$ours" >"$out/ours.txt" 2>"$out/ours.err"; then
	echo "not ok maps-diff our side failed: $(head -c 200 "$out/ours.err")"
	exit 0
fi
# One result per "# section NAME" block: the first differing line when they differ.
sections=$(grep '^# section ' "$out/linux.txt" | cut -d' ' -f3)
[ -n "$sections" ] || { echo "not ok maps-diff no sections in the Linux output"; exit 0; }
for s in $sections; do
	awk -v s="$s" '$0 == "# section " s {on = 1; next} /^# section / {on = 0} on' \
		"$out/linux.txt" >"$out/linux.$s"
	awk -v s="$s" '$0 == "# section " s {on = 1; next} /^# section / {on = 0} on' \
		"$out/ours.txt" >"$out/ours.$s"
	if cmp -s "$out/linux.$s" "$out/ours.$s"; then
		echo "ok maps-diff $s ($(wc -l <"$out/linux.$s") lines)"
	else
		echo "not ok maps-diff $s first difference (linux < > ours):" \
			"$(diff "$out/linux.$s" "$out/ours.$s" | grep '^[<>]' | head -2 | tr '\n' ' ')"
	fi
done
