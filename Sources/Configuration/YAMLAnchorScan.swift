// Finding YAML anchors and aliases before Yams composes the text.

/// Anchors and aliases (`&name`, `*name`) are refused in the configuration before Yams sees the
/// text: nested aliases (an "alias bomb" of a few hundred bytes) stand for billions of nodes, which
/// Yams composes and hashes (each mapping key, to find duplicates), and the reader hangs. No setting
/// needs them. Found by fuzzing (fuzz/configuration/corpus/alias-bomb-key.yaml and
/// timeout-alias-bomb-in-hook.yaml). Scans bytes, so a CRLF line ends like an LF line.
enum YAMLAnchorScan {
    /// The 1-based line and column of the first anchor or alias, skipping comments and quoted
    /// scalars; `&` or `*` inside a word (`a*b`) or followed by a space is an ordinary character.
    static func first(in text: String) -> (line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        var line = 1
        var column = 0
        var previous: UInt8 = newline
        var quote: UInt8? = nil
        var inComment = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            column += 1
            if b == newline {
                line += 1
                column = 0
                inComment = false
                previous = b
                continue
            }
            if inComment { continue }
            if let q = quote {
                if b == q {
                    if q == singleQuote, i < bytes.count, bytes[i] == singleQuote {  // '' inside '…'
                        i += 1
                        column += 1
                    } else {
                        quote = nil
                    }
                } else if q == doubleQuote, b == backslash, i < bytes.count, bytes[i] != newline {  // \" inside "…"
                    i += 1
                    column += 1
                }
                previous = b
                continue
            }
            let tokenStart = isSpace(previous) || tokenPrefix.contains(previous)
            if b == hash, isSpace(previous) {
                inComment = true
            } else if (b == doubleQuote || b == singleQuote), tokenStart {
                quote = b
            } else if b == asterisk || b == ampersand, tokenStart, i < bytes.count, !isSpace(bytes[i]), !flowIndicators.contains(bytes[i]) {
                return (line, column)
            }
            previous = b
        }
        return nil
    }

    private static let newline = UInt8(ascii: "\n")
    private static let singleQuote = UInt8(ascii: "'")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let hash = UInt8(ascii: "#")
    private static let asterisk = UInt8(ascii: "*")
    private static let ampersand = UInt8(ascii: "&")
    /// Characters after which a new YAML token may start.
    private static let tokenPrefix: [UInt8] = Array("[{,:-?".utf8)
    private static let flowIndicators: [UInt8] = Array(",[]{}".utf8)

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
}
