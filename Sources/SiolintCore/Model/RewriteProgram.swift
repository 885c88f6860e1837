/// Steps a server applies in order to every request before it settles on a route, each seeing the
/// path as the steps before it left it: mod_rewrite's server-context rule set (with its chains,
/// skips and restarts), HAProxy's frontend `http-request` path rewrites before `use_backend`.
///
/// A class compared by identity: one program is built per rule set and shared by every condition
/// that reads it, and a router runs it once per request (`RequestEvaluator`).
public final class RewriteProgram: Sendable, Hashable {
    /// Where the run goes after a step.
    public enum Flow: Sendable, Hashable {
        case next
        /// Skip the given number of steps after this one (mod_rewrite `[S=N]`, and a failed `[C]`
        /// chain).
        case skip(Int)
        /// Start again at the first step with the path as it is (mod_rewrite `[N]`).
        case restart
        /// Apply no further steps; the request goes on with the path as it is (mod_rewrite `[L]`).
        case finish
        /// The step's own route takes the request (mod_rewrite `[P]`, `[F]`, `[R]`).
        case takeRoute
    }

    public struct Step: Sendable, Hashable {
        /// Tested on the request as the earlier steps left it: `.path` is the current path,
        /// `.requestedPath` the client's.
        public var condition: RequestCondition
        /// Applied to the current path when the condition holds.
        public var rewrite: PathRewrite.Operation?
        public var onMatch: Flow
        public var onMiss: Flow

        public init(condition: RequestCondition, rewrite: PathRewrite.Operation? = nil, onMatch: Flow = .next, onMiss: Flow = .next) {
            self.condition = condition
            self.rewrite = rewrite
            self.onMatch = onMatch
            self.onMiss = onMiss
        }
    }

    /// What a condition can ask about a run of the program on the request.
    public enum Outcome: Sendable, Hashable {
        /// The run ended at this step because its route takes the request.
        case tookRoute(step: Int)
        /// The run ended without a step taking the request, and this step made the last change to
        /// the path.
        case finishedRewrittenBy(step: Int)
        /// This step's rewrite was applied during the run (unknown when a restart applied the
        /// rewrites out of step order or one more than once).
        case applied(step: Int)
    }

    public let steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps
    }

    public static func == (a: RewriteProgram, b: RewriteProgram) -> Bool { a === b }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(self))
    }
}
