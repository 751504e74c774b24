/// "1 service", "2 services": counts in log lines and summaries read as English.
public func counted(_ count: Int, _ noun: String) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
}
