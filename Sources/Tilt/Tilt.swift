// Tilt module. See README.md, Architecture.
