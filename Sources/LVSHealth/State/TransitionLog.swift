/// The log lines of a transition: one per real server whose health it decides (a shared
/// target changes every service that names it), each naming the service, the server, the
/// change and its reason.
public enum TransitionLog {
    public static func lines(for transition: HealthTransition, users: [TargetUser]) -> [String] {
        users.map { user in
            "\(user.service) real server \(user.server): \(transition.from) -> \(transition.to) (\(transition.target.kind.name) check): \(transition.reason)"
        }
    }
}
