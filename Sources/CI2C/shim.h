// C glue for the I2C target: libi2c's SMBus helpers plus the i2c-dev ioctls.
// ioctl(2) is variadic, which Swift cannot call, so each request gets a
// static inline wrapper with a fixed signature.
#ifndef PLUMBLINE_CI2C_SHIM_H
#define PLUMBLINE_CI2C_SHIM_H

#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <sys/ioctl.h>
#include <linux/types.h>
#include <linux/i2c.h>
#include <linux/i2c-dev.h>
#include <i2c/smbus.h>

/// Selects the peripheral address for later read/write/SMBus calls.
/// Plain I2C_SLAVE: fails with EBUSY when a kernel driver owns the address
/// (I2C_SLAVE_FORCE is deliberately not offered).
static inline int plumbline_i2c_set_address(int fd, unsigned long address) {
    return ioctl(fd, I2C_SLAVE, address);
}

/// Reads the adapter's functionality mask (I2C_FUNC_* bits).
static inline int plumbline_i2c_functionality(int fd, unsigned long *funcs) {
    return ioctl(fd, I2C_FUNCS, funcs);
}

/// Combined transfer: one START, several messages, repeated STARTs, one STOP.
static inline int plumbline_i2c_rdwr(int fd, struct i2c_msg *msgs, unsigned int count) {
    struct i2c_rdwr_ioctl_data data;
    data.msgs = msgs;
    data.nmsgs = count;
    return ioctl(fd, I2C_RDWR, &data);
}

/// The request numbers, exposed so tests can check them against the kernel ABI.
static inline unsigned long plumbline_i2c_request_slave(void) { return I2C_SLAVE; }
static inline unsigned long plumbline_i2c_request_funcs(void) { return I2C_FUNCS; }
static inline unsigned long plumbline_i2c_request_rdwr(void) { return I2C_RDWR; }

/// Size of the kernel's union i2c_smbus_data (block[I2C_SMBUS_BLOCK_MAX + 2]).
static inline int plumbline_i2c_smbus_union_size(void) { return (int)sizeof(union i2c_smbus_data); }

static inline int plumbline_errno(void) { return errno; }

#endif
