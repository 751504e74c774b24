import Foundation
import Testing

/// A task executor on a thread of its own for these tests' bodies, their result readers
/// and the schedulers under test. `swift test` runs every suite of the package at once on
/// Swift's global executor, which has one thread per core; a long synchronous test
/// elsewhere (a generated-input sweep) holds a thread for many seconds, and a timing bound
/// here would then measure that wait rather than the prober. The probes themselves run on
/// NIO's threads either way.
final class TestExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = TestExecutor()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init() {
        let thread = Thread { [unowned self] in run() }
        thread.name = "LVSProbesTests executor"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs each test of a suite on `TestExecutor.shared`.
struct OnTestExecutor: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(TestExecutor.shared) { try await function() }
    }
}

extension Trait where Self == OnTestExecutor {
    static var onTestExecutor: Self { OnTestExecutor() }
}
