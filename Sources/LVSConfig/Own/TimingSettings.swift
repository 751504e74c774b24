import LVSHealth

/// The timing settings a `check` line or the `defaults` line gives; what a check line does
/// not give comes from `defaults`, then from `CheckTiming`'s defaults.
struct TimingSettings {
    var interval: Duration?
    var timeout: Duration?
    var rise: Int?
    var fall: Int?
    var hold: Duration?
    var initial: InitialHealth?

    static let keys = ["interval", "timeout", "rise", "fall", "hold", "initial"]

    init() {}

    init(taking settings: inout SettingList) throws(LineError) {
        interval = try settings.take("interval").map { (t) throws(LineError) in
            try SettingValues.duration(t, name: "interval")
        }
        timeout = try settings.take("timeout").map { (t) throws(LineError) in
            try SettingValues.duration(t, name: "timeout")
        }
        rise = try settings.take("rise").map { (t) throws(LineError) in try SettingValues.count(t, name: "rise") }
        fall = try settings.take("fall").map { (t) throws(LineError) in try SettingValues.count(t, name: "fall") }
        hold = try settings.take("hold").map { (t) throws(LineError) in
            try SettingValues.duration(t, name: "hold", allowZero: true)
        }
        initial = try settings.take("initial").map { (t) throws(LineError) in try SettingValues.initial(t) }
    }

    func resolved(over defaults: TimingSettings) -> (CheckTiming, InitialHealth) {
        let base = CheckTiming()
        let timing = CheckTiming(
            interval: interval ?? defaults.interval ?? base.interval,
            timeout: timeout ?? defaults.timeout ?? base.timeout,
            rise: rise ?? defaults.rise ?? base.rise, fall: fall ?? defaults.fall ?? base.fall,
            hold: hold ?? defaults.hold ?? base.hold)
        return (timing, initial ?? defaults.initial ?? .asFound)
    }
}
