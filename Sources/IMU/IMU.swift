// IMU module. See README.md, Architecture.
