# Compares two objtest outputs (tests/objects/objtest.c): awk -f compare.awk
# -v prefix=NAME -v known=tests/objects/known-differences.txt LINUX OURS.
# The output is cut into blocks, one test each: an object's open line and map
# list (OBJ/open), the whole object's load (OBJ/whole: slots of prog arrays
# and maps of maps filled, one frame through each program), the firewall's
# deny lists, frames and counters (OBJ/firewall), and each program's load
# verdict (OBJ/PROG), its runs on frames (OBJ/PROG/runs) and the contents of
# its array maps after them (OBJ/PROG/maps). A block that differs is
# "not ok" with the first differing lines, or "skip" when its object is in
# the known file (a difference owned by a subsystem still closing it: it
# turns ok by itself once both kernels agree).
BEGIN {
	while (known != "" && (getline l < known) > 0)
		if (l !~ /^#/ && l ~ /: /) { o = l; sub(/: .*/, "", o); sub(/^[^:]*: /, "", l); why[o] = l }
}
function key(line) {
	if (line ~ /^[^ ]/) { obj = line; sub(/:.*/, "", obj); prog = ""; return obj "/open" }
	if (line ~ /^ prog /) { split(line, f, " "); prog = obj "/" f[2]; return prog }
	if (line ~ /^  run len / && prog != "") return prog "/runs"
	if (line ~ /^  map / && prog != "") return prog "/maps"
	if (line ~ /^  whole object/) return obj "/whole"
	if (line ~ /^  firewall: /) return obj "/firewall"
	return cur
}
FNR == 1 { file++; cur = ""; prog = "" }
{
	cur = key($0)
	if (file == 1) { if (!(cur in lin)) order[n++] = cur; lin[cur] = lin[cur] $0 "\n" }
	else { mine[cur] = mine[cur] $0 "\n"; if (!(cur in lin)) extra[cur] = $0 }
}
END {
	for (i = 0; i < n; i++) {
		k = order[i]
		if (lin[k] == mine[k]) { print "ok " prefix "/" k; continue }
		split(lin[k], a, "\n"); split(mine[k], b, "\n")
		for (j = 1; a[j] == b[j]; j++)
			;
		o = k
		sub(/\/.*/, "", o)
		if (o in why)
			printf "skip %s/%s # known difference: %s\n", prefix, k, why[o]
		else
			printf "not ok %s/%s linux \"%s\" bpfkern \"%s\"\n", prefix, k, a[j], b[j]
	}
	for (k in extra)
		printf "not ok %s/%s only bpfkern printed \"%s\"\n", prefix, k, extra[k]
}
