// The module is the header; this file gives SwiftPM a C source to build.
