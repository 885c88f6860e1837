import Foundation

/// The `--timings` table: for each input, how long each stage of its lint took (wall clock), with
/// its share of the total. Written to standard error after the report, as ESLint's `TIMING=1`
/// writes its rule table: times vary from run to run, so they are never part of a report.
public enum StageTimesReporter {
    /// One table per report that was timed; `displayPath` turns an input's absolute path into the
    /// path shown.
    public static func report(_ reports: [ConfigurationReport], displayPath: (String) -> String) -> String {
        var out = ""
        for report in reports where !report.stageTimes.isEmpty {
            let total = milliseconds(report.stageTimes.reduce(Swift.Duration.zero) { $0 + $1.duration })
            let name = report.input.paths.map(displayPath).joined(separator: " + ")
            let server = report.server.map { " (\($0.displayName))" } ?? ""
            out += "timings for \(name)\(server), wall clock (process start and output not included):\n"
            let width = max(12, report.stageTimes.map(\.stage.count).max() ?? 0)
            func column(_ stage: String) -> String { "  " + stage.padding(toLength: width, withPad: " ", startingAt: 0) }
            for time in report.stageTimes {
                let spent = milliseconds(time.duration)
                out += column(time.stage) + String(format: " %10.2f ms %5.1f%%\n", spent, total > 0 ? spent / total * 100 : 0)
            }
            out += column("total") + String(format: " %10.2f ms\n", total)
        }
        return out
    }

    static func milliseconds(_ duration: Swift.Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
