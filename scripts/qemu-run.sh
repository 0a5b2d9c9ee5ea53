#!/bin/sh
# Boot a bpfkern ISO in QEMU (TCG, -cpu max) with the serial console on this
# terminal. Usage: scripts/qemu-run.sh build/bpfkern.iso
# Environment: QEMU_MEM (default 256M), QEMU_EXTRA (more QEMU arguments).
set -eu
iso=${1:?usage: qemu-run.sh ISO}
if [ ! -f "$iso" ]; then
	echo "qemu-run: $iso not found (run make)" >&2
	exit 1
fi
cat <<MSG
Booting $iso in QEMU (serial console on this terminal).
  Quit QEMU:  press Ctrl-A, then X   (or type 'halt' at the bpfkern> prompt)
  QEMU monitor: Ctrl-A, then C
MSG
# shellcheck disable=SC2086
exec qemu-system-x86_64 -cpu max -m "${QEMU_MEM:-256M}" -cdrom "$iso" -boot d \
	-display none -serial mon:stdio ${QEMU_EXTRA:-}
