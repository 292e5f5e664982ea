// Posture module. See README.md, Architecture.
