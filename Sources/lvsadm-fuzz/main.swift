import Glibc
import LVSFuzzing

// One executable for every target; LVSADM_FUZZ_TARGET names the target (an environment
// variable rather than an argument, so the copies of itself libFuzzer may run, e.g. to
// minimise a crash, read the same one).
//
// Built two ways from this one file:
// - `swift build` (every target, as CI and `swift test` build): no sanitizer and no
//   libFuzzer; the program replays the files it is given, so a reproducer can be run in
//   a debugger without sanitizers;
// - `Scripts/fuzz`: `-sanitize=fuzzer,address -DFUZZING`, in its own scratch path. Then
//   main hands control to libFuzzer's driver (`LLVMFuzzerRunDriver`). libFuzzer's own
//   `main` is not linked because this file defines one, and a normal build would not
//   link at all if it named the driver, hence the compile condition.
/// A line on standard error (Glibc's `stderr` is a shared global Swift 6 refuses).
func complain(_ text: String) {
    var line = "lvsadm-fuzz: \(text)\n"
    _ = line.withUTF8 { write(2, $0.baseAddress, $0.count) }
}

guard let name = getenv("LVSADM_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name)
else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    complain("set LVSADM_FUZZ_TARGET to one of: \(names)")
    exit(2)
}

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// The C callback cannot capture: the target it runs is a global.
    nonisolated(unsafe) var selected = target

    /// One input through the selected target. Exported under libFuzzer's own name as well:
    /// its runtime refers to that symbol, and an unoptimised build (which keeps every
    /// reference) does not link without it.
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        let input = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
        do {
            try selected.run(input)
        } catch {
            // A finding is a crash to libFuzzer, which then saves the input.
            fatalError("\(selected.rawValue): \(error)")
        }
        return 0
    }

    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, fuzzOne))
#else
    /// The whole file at `path`, nil if it cannot be read.
    func contents(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes += chunk[..<count]
            if count < chunk.count { return ferror(file) == 0 ? bytes : nil }
        }
    }

    var failures: Int32 = 0
    for path in CommandLine.arguments.dropFirst() {
        guard let input = contents(path) else {
            complain("cannot read \(path)")
            exit(2)
        }
        do {
            try target.run(input)
            print("\(path): ok")
        } catch {
            print("\(path): \(error)")
            failures += 1
        }
    }
    exit(failures == 0 ? 0 : 1)
#endif
