// I2C module. See README.md, Architecture.
