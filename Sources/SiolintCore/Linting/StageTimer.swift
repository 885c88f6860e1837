/// The wall-clock time one stage of linting an input took (`--timings`): reading the file,
/// parsing, the directive check, the model, routing, each rule.
public struct StageTime: Sendable, Equatable {
    /// "parse", "route", or a rule's id.
    public var stage: String
    public var duration: Swift.Duration

    public init(_ stage: String, _ duration: Swift.Duration) {
        self.stage = stage
        self.duration = duration
    }
}

/// Times consecutive stages. Off, it reads no clock, so a run without `--timings` pays nothing.
struct StageTimer {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant?
    private(set) var times: [StageTime] = []

    init(enabled: Bool) {
        last = enabled ? clock.now : nil
    }

    /// Ends the stage that began at the previous call (or at `init`).
    /// `stage` is only made when timing is on (a rule's id is read from its description).
    mutating func finish(_ stage: @autoclosure () -> String) {
        guard let last else { return }
        let now = clock.now
        times.append(StageTime(stage(), now - last))
        self.last = now
    }

    /// Ends the current stage as the stages a callee timed on its own timer, and starts the next now.
    mutating func finish(timedElsewhere stages: [StageTime]) {
        guard last != nil else { return }
        times += stages
        last = clock.now
    }
}
