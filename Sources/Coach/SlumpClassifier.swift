// Thresholds with hysteresis, and the kind of slump.

/// Decides, sample by sample, whether the posture is a slump and of which kind.
///
/// Each limit (thoracic forward, head forward, lean back) is a latch: it sets when the angle
/// crosses the limit and clears only when the angle is back inside by `hysteresisDeg`, so an
/// angle that hovers at the threshold does not chatter between slumped and upright.
///
/// The kind, from the latches that are set (an honest reading of two angles, not a diagnosis):
/// - lean back → `leaningBack`;
/// - thoracic only → `collapsedTrunk` at or above `collapsedTrunkDeg`, else `upperBackRounding`;
/// - head only → `forwardHead`;
/// - both → `collapsedTrunk` at or above `collapsedTrunkDeg`; otherwise the angle that exceeds its
///   threshold by more decides (`forwardHead` on a tie).
public struct SlumpClassifier: Sendable {
    public let settings: CoachSettings
    public private(set) var thoracicLatched = false
    public private(set) var headLatched = false
    public private(set) var leanBackLatched = false
    /// The settings' limits, taken once: each latch's set and clear levels, in degrees.
    private let limits: Limits

    private struct Limits: Sendable {
        var thoracic, thoracicClear, leanBack, leanBackClear, head, headClear, collapsedTrunk: Double

        init(_ s: CoachSettings) {
            thoracic = s.thoracicThresholdDeg
            thoracicClear = s.thoracicThresholdDeg - s.hysteresisDeg
            leanBack = s.leanBackLimitDeg
            leanBackClear = s.leanBackLimitDeg - s.hysteresisDeg
            head = s.headForwardThresholdDeg
            headClear = s.headForwardThresholdDeg - s.hysteresisDeg
            collapsedTrunk = s.collapsedTrunkDeg
        }
    }

    public init(settings: CoachSettings) {
        self.settings = settings
        limits = Limits(settings)
    }

    /// Whether any limit is latched.
    public var isSlumped: Bool { thoracicLatched || headLatched || leanBackLatched }

    /// Clears every latch (after a gap or a recalibration: old angles say nothing now).
    public mutating func reset() {
        thoracicLatched = false
        headLatched = false
        leanBackLatched = false
    }

    /// Feeds one posture: thoracic angle and head-forward angle (`nil` without a head sensor), in
    /// degrees. Returns the slump kind, or `nil` when upright. Non-finite angles leave the latches.
    @discardableResult
    public mutating func update(thoracicDeg: Double, headForwardDeg: Double?) -> SlumpKind? {
        let l = limits
        if thoracicDeg.isFinite {
            thoracicLatched = thoracicDeg > (thoracicLatched ? l.thoracicClear : l.thoracic)
            leanBackLatched = -thoracicDeg > (leanBackLatched ? l.leanBackClear : l.leanBack)
        }
        if let head = headForwardDeg {
            if head.isFinite { headLatched = head > (headLatched ? l.headClear : l.head) }
        } else {
            headLatched = false
        }
        return kind(thoracicDeg: thoracicDeg, headForwardDeg: headForwardDeg)
    }

    /// The kind for the current latches and angles, or `nil` when no latch is set.
    public func kind(thoracicDeg: Double, headForwardDeg: Double?) -> SlumpKind? {
        let s = limits
        if leanBackLatched { return .leaningBack }
        switch (thoracicLatched, headLatched) {
        case (false, false):
            return nil
        case (true, false):
            return thoracicDeg >= s.collapsedTrunk ? .collapsedTrunk : .upperBackRounding
        case (false, true):
            return .forwardHead
        case (true, true):
            if thoracicDeg >= s.collapsedTrunk { return .collapsedTrunk }
            let thoracicExcess = thoracicDeg - s.thoracic
            let headExcess = (headForwardDeg ?? -.infinity) - s.head
            return headExcess >= thoracicExcess ? .forwardHead : .upperBackRounding
        }
    }
}
