// IMUEmulators module. See README.md, Architecture.
