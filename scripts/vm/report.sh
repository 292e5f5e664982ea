# The host side of the kernel I2C test's results, shared by scripts/kernel-i2c-test
# (x86_64) and scripts/kernel-i2c-test-arm64. Source it; do not run it.
# shellcheck shell=bash

# report_results: reads $results (the VM's results port), prints one PASS/FAIL
# line per check, a line for the VM itself, the timing line and the
# "N passed, N failed" line; returns 1 when anything failed. Uses $work,
# $qemu_status, $vm_timeout_s, $console, $vm_s and $started_ms.
report_results() {
    tr -d '\r' <"$results" >"$work/results.txt"
    passed=$(grep -c '^PASS ' "$work/results.txt" || true)
    failed=$(grep -c '^FAIL ' "$work/results.txt" || true)
    grep -v -e '^GUEST-' -e '^PLAN ' "$work/results.txt" || true
    # Checks the VM announced but never reported on (it hung or died first).
    while read -r name; do
        if ! grep -q -e "^PASS $name\$" -e "^FAIL $name\$" "$work/results.txt"; then
            echo "FAIL $name"
            echo "    did not run: the VM stopped first"
            failed=$((failed + 1))
        fi
    done < <(awk '/^PLAN / { for (i = 2; i <= NF; i++) print $i }' "$work/results.txt")

    # The VM itself: it must have run the checks to the end and powered off.
    problem=
    if [ "$qemu_status" = 124 ] || [ "$qemu_status" = 137 ]; then
        problem="qemu did not power off within ${vm_timeout_s} s (killed)"
    elif [ "$qemu_status" != 0 ]; then
        problem="qemu exited with status $qemu_status: $(head -c 400 "$work/qemu.out")"
    elif ! grep -q '^GUEST-DONE' "$work/results.txt"; then
        problem="the VM stopped before the checks finished"
    elif ! grep -q '^GUEST-EXIT 0' "$work/results.txt"; then
        problem="the checks stopped early ($(grep '^GUEST-EXIT' "$work/results.txt"))"
    fi
    if [ -z "$problem" ]; then
        echo "PASS vm-ran-checks-and-powered-off"
        passed=$((passed + 1))
    else
        echo "FAIL vm-ran-checks-and-powered-off"
        echo "    $problem"
        echo "    last lines of the VM console:"
        tail -n 25 "$console" 2>/dev/null | tr -d '\r' | sed 's/^/      /'
        failed=$((failed + 1))
    fi

    guest_s=$(awk '/^GUEST-RESULT-UPTIME/ { print $2 }' "$work/results.txt")
    echo "boot-to-result: ${guest_s:-?} s in the VM (kernel start to last check), ${vm_s} s for qemu start to power-off; $(seconds_since "$started_ms") s for the whole script"
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ] && [ "$passed" -gt 0 ]
}
