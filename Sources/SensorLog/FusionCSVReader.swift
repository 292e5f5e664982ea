// The Fusion CSV import as a sample-only view of `LogReader`.

/// Reads `Time (s),Gyroscope X (deg/s),…,Accelerometer X (g),…[,Magnetometer …]` one row at a time;
/// memory stays flat whatever the file's length. Columns are found by name, in any order; the
/// gyroscope columns are optional (all three or none), others are ignored. A last row cut short
/// (a recording stopped by power loss) ends the log without an error. A native log is refused with
/// `missingColumn`; use `LogReader` to read either layout.
public final class FusionCSVReader {
    public let path: String
    /// True when the file has gyroscope columns.
    public let hasGyroscope: Bool
    private let reader: LogReader

    public init(path: String) throws(SensorLogError) {
        let r = try LogReader(path: path)
        guard r.header.layout == .fusionCSV else {
            throw SensorLogError(file: path, line: 1, column: 0, kind: .missingColumn(FusionColumns.timeName))
        }
        self.path = path
        reader = r
        hasGyroscope = r.header.sensors[0].hasGyroscope
    }

    /// The next frame, or `nil` at the end of the log.
    public func next() throws(SensorLogError) -> SensorFrame? {
        try reader.nextSample()?.frame
    }
}
