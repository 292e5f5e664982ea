// SensorLog module. See README.md, Architecture.
