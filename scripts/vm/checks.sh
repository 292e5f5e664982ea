#!/bin/sh
# The checks of scripts/kernel-i2c-test, run inside the VM by /init (busybox sh).
#
# Writes to file descriptor 3 (the results serial port) one line per check,
# "PASS name" or "FAIL name", with indented detail lines under a failure.
# Everything the checks expect is computed here from the register values this
# script preloads into i2c-stub; nothing is taken from Plumbline's own output.
#
# Chips emulated by i2c-stub (chip_addr=0x68,0x69,0x6a):
#   0x68  MPU-6050  sensor data, read with the default ranges (±2 g, ±250 °/s)
#   0x69  MPU-6050  sensor data, read with ±8 g and ±1000 °/s; registers
#                   0x80-0xBF hold a pattern for the long-read checks
#   0x6a  LSM6DS3   sensor data, read with ±4 g and ±500 °/s

# shellcheck disable=SC2046 # byte lists are split into arguments on purpose

CMD_TIMEOUT=${COMMAND_TIMEOUT_S:-30}
# Debian's busybox-static runs its own applets before anything on PATH, and it
# has i2c applets of its own (which parse numbers differently): call the
# i2c-tools by their full paths.
I2CDETECT=/usr/sbin/i2cdetect
I2CGET=/usr/sbin/i2cget
I2CSET=/usr/sbin/i2cset
I2CDUMP=/usr/sbin/i2cdump
SAMPLES=3

out() { printf '%s\n' "$*" >&3; }
joined() { tr '\n' ' ' <"$1" | sed 's/ *$//'; } # FILE: its lines on one line

# --- per-check bookkeeping -------------------------------------------------
problems=
begin() { problems=; }
problem() {
    if [ -z "$problems" ]; then problems=$*; else problems="$problems
$*"; fi
}
verdict() {
    if [ -z "$problems" ]; then
        out "PASS $1"
    else
        out "FAIL $1"
        printf '%s\n' "$problems" | sed 's/^/    /' >&3
    fi
}

# run LABEL COMMAND...: runs COMMAND under a timeout; stdout in /tmp/LABEL.out,
# stderr in /tmp/LABEL.err, exit status in $rc.
run() {
    label=$1
    shift
    printf '%s\n' "$*" >"/tmp/$label.cmd"
    timeout "$CMD_TIMEOUT" "$@" >"/tmp/$label.out" 2>"/tmp/$label.err"
    rc=$?
    # busybox timeout kills with SIGTERM: 143 means it ran out of time.
    [ "$rc" = 143 ] && problem "timed out after ${CMD_TIMEOUT} s: $*"
    if [ "${VERBOSE:-0}" = 1 ]; then
        out "    \$ $*  (exit $rc)"
        sed 's/^/    | /' "/tmp/$label.out" >&3
        sed 's/^/    ! /' "/tmp/$label.err" >&3
    fi
    return 0
}
# show LABEL: the command, its status and the start of its output, as detail.
show() {
    problem "\$ $(cat "/tmp/$1.cmd")  (exit $rc)"
    if [ -s "/tmp/$1.out" ]; then
        problem "stdout:"
        problem "$(head -n 12 "/tmp/$1.out" | sed 's/^/  /')"
    fi
    if [ -s "/tmp/$1.err" ]; then
        problem "stderr:"
        problem "$(head -n 6 "/tmp/$1.err" | sed 's/^/  /')"
    fi
}
first_err_line() { head -n 1 "/tmp/$1.err"; }

# Every check, in the order they run. The host counts any that never reported
# (a hang, a crash of the VM) as failed.
PLAN="kernel-modules-loaded stub-is-smbus-only preloaded-registers-read-back
detect-matches-i2cdetect detect-identifies-chips read-mpu6050-default-ranges
read-mpu6050-8g-1000dps read-lsm6ds3-4g-500dps empty-address-is-no-device
missing-bus-is-bus-missing bus-info-smbus-only long-read-64-bytes-in-block-chunks
long-read-45-bytes-from-unaligned-register force-rdwr-is-unsupported"
# shellcheck disable=SC2086 # one line, names separated by single spaces
out "PLAN" $PLAN

# --- the bus ---------------------------------------------------------------
find_stub_bus() {
    for n in /sys/bus/i2c/devices/i2c-*/name; do
        [ -r "$n" ] || continue
        if [ "$(cat "$n")" = "SMBus stub driver" ]; then
            d=${n%/name}
            echo "${d##*/i2c-}"
            return 0
        fi
    done
    return 1
}

begin
insmod /lib/modules/i2c-dev.ko 2>/tmp/insmod.err || problem "insmod i2c-dev: $(cat /tmp/insmod.err)"
insmod /lib/modules/i2c-stub.ko "chip_addr=$STUB_ADDRESSES" 2>/tmp/insmod.err ||
    problem "insmod i2c-stub chip_addr=$STUB_ADDRESSES: $(cat /tmp/insmod.err)"
BUS=$(find_stub_bus) || problem "no I2C adapter named 'SMBus stub driver' in /sys/bus/i2c/devices"
DEV=/dev/i2c-$BUS
[ -n "$BUS" ] && [ ! -c "$DEV" ] && problem "$DEV is not a character device"
verdict kernel-modules-loaded
if [ -n "$problems" ]; then
    exit 1
fi
out "    (i2c-stub is adapter $BUS, $DEV)"

# The environment the other checks rely on: i2c-stub is SMBus-only (no plain
# I2C, so no I2C_RDWR) and does I2C block reads, as i2c-tools report it.
begin
run funcs "$I2CDETECT" -F "$BUS"
[ "$rc" = 0 ] || show funcs
func_is() { # NAME yes|no
    got=$(awk -v name="$1" '
        { v = $NF; line = $0; sub(/[ \t]+[^ \t]+[ \t]*$/, "", line)
          if (line == name) { print v; exit } }' /tmp/funcs.out)
    [ "$got" = "$2" ] || problem "i2cdetect -F: '$1' is '$got', expected '$2'"
}
func_is "I2C" no
func_is "I2C Block Read" yes
func_is "SMBus Read Byte" yes
verdict stub-is-smbus-only

# --- preload the registers ---------------------------------------------------
be16() { v=$(($1 & 0xffff)); echo $((v >> 8)) $((v & 0xff)); }   # high byte first
le16() { v=$(($1 & 0xffff)); echo $((v & 0xff)) $((v >> 8)); }   # low byte first
# setregs ADDRESS REGISTER BYTE...: one i2cset; an I2C block write for several
# bytes (at most 32). Every byte is noted in /tmp/preloaded for the read-back.
setregs() {
    a=$1
    reg=$(($2))
    shift 2
    mode=b
    [ $# -gt 1 ] && mode=i
    "$I2CSET" -y "$BUS" "$a" "$reg" "$@" $mode 2>/tmp/i2cset.err ||
        problem "i2cset -y $BUS $a $reg $* $mode: $(cat /tmp/i2cset.err)"
    for b in "$@"; do
        printf '%s %d %d\n' "$a" "$reg" "$((b))" >>/tmp/preloaded
        reg=$((reg + 1))
    done
}
pattern_byte() { echo $(((($1 * 37) + 11) & 0xff)); }
pattern() { # FIRST COUNT: the pattern bytes of COUNT registers from FIRST
    r=$(($1))
    end=$((r + $2))
    while [ $r -lt $end ]; do printf '%s ' "$(pattern_byte $r)"; r=$((r + 1)); done
}

# Raw sensor counts, signed 16-bit: accel x y z, then gyro x y z. The values
# exercise sign extension, both byte orders and both ends of the range.
MPU68_ACCEL="-8192 291 16001"
MPU68_GYRO="-32768 32767 258"
MPU69_ACCEL="4096 -200 2049"
MPU69_GYRO="-1 2560 -16000"
LSM_ACCEL="1024 -16384 32767"
LSM_GYRO="4660 -292 -32767"

preload_mpu() { # ADDRESS "ACCEL" "GYRO" TEMP PWR_MGMT_1 GYRO_CONFIG ACCEL_CONFIG
    setregs "$1" 0x75 0x68 # WHO_AM_I of the MPU-6050
    # ACCEL_XOUT_H 0x3B .. GYRO_ZOUT_L 0x48, TEMP_OUT between accel and gyro.
    setregs "$1" 0x3b $(for v in $2; do be16 "$v"; done) $(be16 "$4") $(for v in $3; do be16 "$v"; done)
    setregs "$1" 0x6b "$5"
    setregs "$1" 0x1b "$6" "$7"
}

begin
: >/tmp/preloaded
# 0x68 starts asleep with the widest ranges set, so the driver has to write
# every one of those registers to get the default ranges.
preload_mpu 0x68 "$MPU68_ACCEL" "$MPU68_GYRO" 3500 0x40 0x18 0x18
preload_mpu 0x69 "$MPU69_ACCEL" "$MPU69_GYRO" -1234 0x40 0x00 0x00
setregs 0x69 0x80 $(pattern 0x80 32)
setregs 0x69 0xa0 $(pattern 0xa0 32)
setregs 0x6a 0x0f 0x69 # WHO_AM_I of the LSM6DS3
# OUTX_L_G 0x22 .. OUTZ_H_XL 0x2D: gyro then accel, low byte first.
setregs 0x6a 0x22 $(for v in $LSM_GYRO $LSM_ACCEL; do le16 "$v"; done)
setregs 0x6a 0x10 0x00 0x00 # CTRL1_XL, CTRL2_G: both powered down
# Read all 256 registers of each chip back with i2cdump (SMBus byte reads).
for a in $(echo "$STUB_ADDRESSES" | tr ',' ' '); do
    "$I2CDUMP" -y "$BUS" "$a" b 2>&1 | awk -v a="$a" '
        /^[0-9a-f]0: / {
            row = index("0123456789abcdef", substr($1, 1, 1)) - 1
            for (c = 0; c < 16; c++) print a, row * 16 + c, $(c + 2)
        }'
done >/tmp/dumped
awk 'NR == FNR { v = tolower($3); n = -1
                 if (v ~ /^[0-9a-f][0-9a-f]$/) n = index("0123456789abcdef", substr(v, 1, 1)) * 16 - 16 + index("0123456789abcdef", substr(v, 2, 1)) - 1
                 dumped[$1 " " $2] = n; raw[$1 " " $2] = $3; next }
     { k = $1 " " $2
       if (!(k in dumped)) printf "%s register 0x%02x: wrote 0x%02x, not in i2cdump'"'"'s output\n", $1, $2, $3
       else if (dumped[k] != $3) printf "%s register 0x%02x: wrote 0x%02x, i2cdump read %s\n", $1, $2, $3, raw[k] }
' /tmp/dumped /tmp/preloaded >/tmp/preload.bad
[ -s /tmp/preload.bad ] && problem "$(head -n 10 /tmp/preload.bad)"
verdict preloaded-registers-read-back
out "    ($(wc -l </tmp/preloaded) registers on $STUB_ADDRESSES)"

# --- plumbline detect vs i2cdetect ------------------------------------------
# i2cdetect's table: row "60:" then 16 cells of 3 characters each.
i2cdetect_addresses() {
    awk '/^[0-7]0:/ {
        row = substr($1, 1, 1)
        for (c = 0; c < 16; c++) {
            cell = substr($0, 5 + 3 * c, 2)
            if (cell ~ /^[0-9a-f][0-9a-f]$/) printf "0x%s\n", cell
        }
    }' "$1"
}

begin
run i2cdetect "$I2CDETECT" -y "$BUS"
[ "$rc" = 0 ] || show i2cdetect
i2cdetect_addresses /tmp/i2cdetect.out >/tmp/i2cdetect.addr
expected_addr=$(echo "$STUB_ADDRESSES" | tr ',' '\n')
[ "$(cat /tmp/i2cdetect.addr)" = "$expected_addr" ] ||
    problem "i2cdetect -y $BUS found [$(joined /tmp/i2cdetect.addr)], expected the stub's [$STUB_ADDRESSES]"
run detect plumbline detect --device "$DEV"
[ "$rc" = 0 ] || problem "plumbline detect exited $rc, expected 0"
# Rows: address, chip, role. The header line has no 0xNN first field.
awk '$1 ~ /^0x[0-9a-f][0-9a-f]$/ { print $1 }' /tmp/detect.out >/tmp/detect.addr
if [ "$(cat /tmp/detect.addr)" != "$(cat /tmp/i2cdetect.addr)" ]; then
    problem "plumbline detect found [$(joined /tmp/detect.addr)], i2cdetect found [$(joined /tmp/i2cdetect.addr)]"
fi
run detect-bus plumbline detect --bus "$BUS"
if [ "$rc" != 0 ] || ! cmp -s /tmp/detect.out /tmp/detect-bus.out; then
    problem "plumbline detect --bus $BUS differs from --device $DEV"
    show detect-bus
fi
[ -n "$problems" ] && show detect
verdict detect-matches-i2cdetect

begin
row_of() { awk -v a="$1" '$1 == a { print $2, $3 }' /tmp/detect.out; }
expect_row() { # ADDRESS CHIP ROLE
    got=$(row_of "$1")
    [ "$got" = "$2 $3" ] || problem "$1: detect says '$got', expected '$2 $3'"
}
# Chip by ID register; role: the first address of a chip's pair (AD0/SA0 low)
# suggests the trunk sensor, the second the head sensor.
expect_row 0x68 MPU-6050 trunk
expect_row 0x69 MPU-6050 head
expect_row 0x6a LSM6DS3 trunk
[ -n "$problems" ] && show detect
verdict detect-identifies-chips

# --- samples through the drivers ---------------------------------------------
# expected_csv "ACCEL" "GYRO" ACCEL_DIVISOR GYRO_DIVISOR: one CSV row, values
# = raw / divisor (LSB per g, LSB per °/s), 6 decimals.
expected_csv() {
    echo "$1 $2" | awk -v ad="$3" -v gd="$4" '{
        printf "%.6f,%.6f,%.6f,%.6f,%.6f,%.6f\n",
            $1 / ad, $2 / ad, $3 / ad, $4 / gd, $5 / gd, $6 / gd }'
}
HEADER="accel_x_g,accel_y_g,accel_z_g,gyro_x_dps,gyro_y_dps,gyro_z_dps"

# check_samples LABEL EXPECTED_ROW COUNT: the CSV in /tmp/LABEL.out has the
# header and COUNT rows, each within one unit of the 6th decimal of EXPECTED_ROW.
check_samples() {
    [ "$(head -n 1 "/tmp/$1.out")" = "$HEADER" ] ||
        problem "CSV header is '$(head -n 1 "/tmp/$1.out")', expected '$HEADER'"
    rows=$(tail -n +2 "/tmp/$1.out" | grep -c .)
    [ "$rows" = "$3" ] || problem "$rows sample rows, expected $3"
    tail -n +2 "/tmp/$1.out" | awk -F, -v want="$2" '
        BEGIN { n = split(want, w, ",") }
        NF != 6 { printf "row %d has %d cells, expected 6: %s\n", NR, NF, $0; next }
        {
            for (i = 1; i <= 6; i++) {
                if ($i !~ /^-?[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]$/) {
                    printf "row %d cell %d is \"%s\", not a number with 6 decimals\n", NR, i, $i
                } else {
                    d = $i - w[i]; if (d < 0) d = -d
                    if (d > 0.0000011) printf "row %d cell %d: got %s, expected %s\n", NR, i, $i, w[i]
                }
            }
        }' >"/tmp/$1.bad"
    if [ -s "/tmp/$1.bad" ]; then
        problem "$(head -n 6 "/tmp/$1.bad")"
    fi
}
# field ADDRESS REGISTER SHIFT WIDTH: a bit field as stored in the stub now.
field() {
    v=$("$I2CGET" -y "$BUS" "$1" "$2" b 2>/dev/null) || { echo "unreadable"; return; }
    echo $(((v >> $3) & ((1 << $4) - 1)))
}
expect_field() { # ADDRESS REGISTER SHIFT WIDTH VALUE DESCRIPTION
    got=$(field "$1" "$2" "$3" "$4")
    [ "$got" = "$5" ] || problem "$1 register $2 bits $(($3 + $4 - 1)):$3 ($6) = $got after configuration, expected $5"
}
first_line_has() { # LABEL TEXT...
    l=$(first_err_line "$1")
    shift
    lacking=
    for t in "$@"; do
        case "$l" in *"$t"*) ;; *) lacking="$lacking '$t'" ;; esac
    done
    [ -z "$lacking" ] || problem "first stderr line lacks$lacking"
}

begin
run read68 plumbline read --device "$DEV" --address 0x68 --count $SAMPLES
[ "$rc" = 0 ] || problem "exit $rc, expected 0"
check_samples read68 "$(expected_csv "$MPU68_ACCEL" "$MPU68_GYRO" 16384 131)" $SAMPLES
first_line_has read68 "MPU-6050 at 0x68 on $DEV" "±2 g" "16384 LSB/g" "±250 °/s" "131 LSB/(°/s)"
expect_field 0x68 0x1c 3 2 0 "ACCEL_CONFIG AFS_SEL, ±2 g"
expect_field 0x68 0x1b 3 2 0 "GYRO_CONFIG FS_SEL, ±250 °/s"
expect_field 0x68 0x6b 6 1 0 "PWR_MGMT_1 SLEEP"
[ -n "$problems" ] && show read68
verdict read-mpu6050-default-ranges

begin
run read69 plumbline read --device "$DEV" --address 0x69 --count $SAMPLES --accel-range 8 --gyro-range 1000
[ "$rc" = 0 ] || problem "exit $rc, expected 0"
check_samples read69 "$(expected_csv "$MPU69_ACCEL" "$MPU69_GYRO" 4096 32.8)" $SAMPLES
first_line_has read69 "MPU-6050 at 0x69 on $DEV" "±8 g" "4096 LSB/g" "±1000 °/s" "32.8 LSB/(°/s)"
expect_field 0x69 0x1c 3 2 2 "ACCEL_CONFIG AFS_SEL, ±8 g"
expect_field 0x69 0x1b 3 2 2 "GYRO_CONFIG FS_SEL, ±1000 °/s"
expect_field 0x69 0x6b 6 1 0 "PWR_MGMT_1 SLEEP"
[ -n "$problems" ] && show read69
verdict read-mpu6050-8g-1000dps

begin
run read6a plumbline read --device "$DEV" --address 0x6a --count $SAMPLES --accel-range 4 --gyro-range 500
[ "$rc" = 0 ] || problem "exit $rc, expected 0"
# 0.122 mg/LSB and 17.5 mdps/LSB, as divisors: LSB per g and LSB per °/s.
check_samples read6a "$(expected_csv "$LSM_ACCEL" "$LSM_GYRO" "$(awk 'BEGIN { printf "%.17g", 1000 / 0.122 }')" "$(awk 'BEGIN { printf "%.17g", 1000 / 17.5 }')")" $SAMPLES
first_line_has read6a "LSM6DS3 at 0x6a on $DEV" "±4 g" "±500 °/s"
expect_field 0x6a 0x10 2 2 2 "CTRL1_XL FS_XL, ±4 g"
expect_field 0x6a 0x11 2 2 1 "CTRL2_G FS_G, ±500 °/s"
[ "$(field 0x6a 0x10 4 4)" != 0 ] || problem "CTRL1_XL ODR_XL is 0: accelerometer left powered down"
[ "$(field 0x6a 0x11 4 4)" != 0 ] || problem "CTRL2_G ODR_G is 0: gyroscope left powered down"
[ -n "$problems" ] && show read6a
verdict read-lsm6ds3-4g-500dps

# --- typed errors -------------------------------------------------------------
begin
run empty-read plumbline read --device "$DEV" --address 0x50 --count 1
[ "$rc" != 0 ] || problem "read from the empty address 0x50 exited 0"
case "$(first_err_line empty-read)" in
"plumbline: no-device: "*) ;;
*) problem "first stderr line is not 'plumbline: no-device: ...'" ;;
esac
[ -s /tmp/empty-read.out ] && problem "printed data on stdout"
[ -n "$problems" ] && show empty-read
run empty-bus-read plumbline bus read --device "$DEV" --address 0x50 --register 0x00 --count 1
[ "$rc" != 0 ] || problem "bus read from the empty address 0x50 exited 0"
case "$(first_err_line empty-bus-read)" in
"plumbline: no-device: "*) ;;
*) problem "bus read: first stderr line is not 'plumbline: no-device: ...'"; show empty-bus-read ;;
esac
verdict empty-address-is-no-device

begin
missing=/dev/i2c-9
[ -e "$missing" ] && problem "$missing exists; pick another missing bus"
run missing plumbline detect --device "$missing"
[ "$rc" = 2 ] || problem "exit $rc, expected 2 (bus could not be opened)"
case "$(first_err_line missing)" in
"plumbline: bus-missing: "*) ;;
*) problem "first stderr line is not 'plumbline: bus-missing: ...'" ;;
esac
[ -n "$problems" ] && show missing
verdict missing-bus-is-bus-missing

# --- the adapter-capability path -----------------------------------------------
begin
run info plumbline bus info --device "$DEV"
[ "$rc" = 0 ] || problem "exit $rc, expected 0"
# i2c-stub's functionality is its module parameter (within what it supports).
want_funcs=$(printf '0x%08x' "$(cat /sys/module/i2c_stub/parameters/functionality)")
info_value() { awk -v k="$1" 'index($0, k ":") == 1 { v = substr($0, length(k) + 2); sub(/^[ \t]+/, "", v); print v; exit }' /tmp/info.out; }
[ "$(info_value functionality)" = "$want_funcs" ] ||
    problem "functionality: '$(info_value functionality)', the kernel's is $want_funcs"
[ "$(info_value 'plain I2C (I2C_RDWR)')" = no ] || problem "plain I2C (I2C_RDWR) should be 'no'"
[ "$(info_value 'SMBus I2C block read')" = yes ] || problem "SMBus I2C block read should be 'yes'"
case "$(info_value 'reads longer than 32 bytes')" in
*"chunks of 32"*) ;;
*) problem "reads longer than 32 bytes should be done in chunks of 32" ;;
esac
[ -n "$problems" ] && show info
verdict bus-info-smbus-only

# long_read LABEL REGISTER COUNT: bytes and trace of a chunked read from 0x69.
long_read() {
    run "$1" plumbline bus read --device "$DEV" --address 0x69 --register "$2" --count "$3" --trace
    [ "$rc" = 0 ] || problem "exit $rc, expected 0"
    want=$(for b in $(pattern "$2" "$3"); do printf '0x%02x ' "$b"; done)
    got=$(tr -s ' \t' '  ' <"/tmp/$1.out" | sed 's/ *$//')
    if [ "$got" != "${want% }" ]; then
        problem "bytes read differ from those preloaded:"
        problem "  got:  $got"
        problem "  want: ${want% }"
    fi
    # Every transaction: an SMBus I2C block read of at most 32 bytes, the
    # registers consecutive, the lengths adding up to COUNT.
    grep '^i2c: ' "/tmp/$1.err" | awk -v start=$(($2)) -v count="$3" '
        {
            n++
            if ($2 != "smbus-i2c-block-read") { printf "transaction %d is %s, expected smbus-i2c-block-read\n", n, $2; next }
            reg = ""; len = ""
            for (i = 3; i <= NF; i++) {
                split($i, kv, "=")
                if (kv[1] == "addr" && kv[2] != "0x69") printf "transaction %d at %s\n", n, kv[2]
                if (kv[1] == "reg") reg = kv[2]
                if (kv[1] == "len") len = kv[2]
            }
            r = 0; h = tolower(substr(reg, 3))
            for (i = 1; i <= length(h); i++) r = r * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
            if (r != start + total) printf "transaction %d starts at %s, expected 0x%02x\n", n, reg, start + total
            if (len + 0 < 1 || len + 0 > 32) printf "transaction %d has len=%s, outside 1..32\n", n, len
            total += len
        }
        END {
            if (n == 0) print "no i2c: trace lines on stderr"
            else if (total != count) printf "lengths add up to %d, expected %d\n", total, count
            if (n < int((count + 31) / 32)) printf "%d transactions for %d bytes\n", n, count
        }' >"/tmp/$1.bad"
    [ -s "/tmp/$1.bad" ] && problem "$(cat "/tmp/$1.bad")"
    [ -n "$problems" ] && show "$1"
}

begin
long_read long64 0x80 64
verdict long-read-64-bytes-in-block-chunks
begin
long_read long45 0x85 45
verdict long-read-45-bytes-from-unaligned-register

begin
run rdwr plumbline bus read --device "$DEV" --address 0x69 --register 0x80 --count 64 --force-rdwr
[ "$rc" != 0 ] || problem "--force-rdwr on an SMBus-only adapter exited 0"
case "$(first_err_line rdwr)" in
"plumbline: unsupported: "*I2C_RDWR*) ;;
*) problem "first stderr line is not 'plumbline: unsupported: ...' naming I2C_RDWR" ;;
esac
[ -s /tmp/rdwr.out ] && problem "printed data on stdout"
[ -n "$problems" ] && show rdwr
verdict force-rdwr-is-unsupported

out "GUEST-RESULT-UPTIME $(cut -d' ' -f1 /proc/uptime)"
exit 0
