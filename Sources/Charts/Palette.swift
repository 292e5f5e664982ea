// The charts' colours: the Okabe–Ito palette, which people with the common colour-vision
// deficiencies can tell apart, and shapes as well as colours for the markers.
import Coach

enum Palette {
    static let ink = "#1a1a1a"
    static let mutedInk = "#4d4d4d"
    static let grid = "#d9d9d9"
    static let axis = "#737373"
    static let noData = "#ececec"
    static let notWornLine = "#9a9a9a"

    static let blue = "#0072B2"
    static let vermillion = "#D55E00"
    static let orange = "#E69F00"
    static let skyBlue = "#56B4E9"
    static let bluishGreen = "#009E73"
    static let yellow = "#F0E442"
    static let reddishPurple = "#CC79A7"

    /// The thoracic angle's line and band, and its limit.
    static let thoracic = blue
    /// The opacity of the thoracic min–max band (in the thoracic colour): lighter than any shading.
    static let bandOpacity = 0.15
    /// The head-forward angle's line and its limit.
    static let headForward = vermillion

    /// The shading of slumped minutes, one colour per kind.
    static func slump(_ kind: SlumpKind) -> String {
        switch kind {
        case .forwardHead: reddishPurple
        case .upperBackRounding: orange
        case .collapsedTrunk: bluishGreen
        case .leaningBack: skyBlue
        case .longStillSitting: yellow
        }
    }

    /// The shading's opacity: light enough for the lines to read over it (yellow needs more to show).
    static func slumpOpacity(_ kind: SlumpKind) -> Double { kind == .longStillSitting ? 0.6 : 0.4 }

    /// Names for people, in the legend.
    static func name(_ kind: SlumpKind) -> String {
        switch kind {
        case .forwardHead: "forward head"
        case .upperBackRounding: "upper-back rounding"
        case .collapsedTrunk: "collapsed trunk"
        case .leaningBack: "leaning back"
        case .longStillSitting: "long still sitting"
        }
    }

    /// The hatch of not-worn time, as an SVG pattern with id `not-worn-hatch`.
    static let notWornHatch = """
        <pattern id="not-worn-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">\
        <rect width="8" height="8" fill="#f5f5f5"/><line x1="0" y1="0" x2="0" y2="8" stroke="#9a9a9a" stroke-width="2"/></pattern>
        """
}
