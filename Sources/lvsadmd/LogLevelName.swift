import Logging

enum LogLevelName {
    static func level(_ name: String) -> Logger.Level? { Logger.Level(rawValue: name) }
}
